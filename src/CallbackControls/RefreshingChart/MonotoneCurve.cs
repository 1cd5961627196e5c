using System;

namespace CallbackControls
{
    /// <summary>
    /// A monotone cubic curve (Fritsch and Carlson) through points in SVG units: smooth, yet never above or
    /// below the points it joins, so a spline shows no peak the data does not have.
    /// </summary>
    internal static class MonotoneCurve
    {
        /// <summary>
        /// Writes the curve's path commands, starting with a move to the first point. Needs at least three
        /// points with X strictly increasing; otherwise writes nothing and returns false.
        /// </summary>
        public static bool TryWrite(SvgMarkupWriter writer, double[] px, double[] py)
        {
            int n = px.Length;
            if (n < 3) return false;
            for (int i = 1; i < n; i++)
            {
                if (!(px[i] > px[i - 1])) return false;
            }
            var slope = new double[n - 1];
            for (int i = 0; i < n - 1; i++) slope[i] = (py[i + 1] - py[i]) / (px[i + 1] - px[i]);
            var tangent = new double[n];
            tangent[0] = slope[0];
            tangent[n - 1] = slope[n - 2];
            for (int i = 1; i < n - 1; i++)
            {
                tangent[i] = slope[i - 1] * slope[i] <= 0 ? 0 : (slope[i - 1] + slope[i]) / 2;
            }
            for (int i = 0; i < n - 1; i++)
            {
                if (slope[i] == 0)
                {
                    tangent[i] = 0;
                    tangent[i + 1] = 0;
                    continue;
                }
                // Tangents too steep for their segment would overshoot; scaling them back keeps the curve monotone.
                double a = tangent[i] / slope[i];
                double b = tangent[i + 1] / slope[i];
                double s = a * a + b * b;
                if (s > 9)
                {
                    double t = 3 / Math.Sqrt(s);
                    tangent[i] = t * a * slope[i];
                    tangent[i + 1] = t * b * slope[i];
                }
            }
            writer.Command('M').Pair(px[0], py[0]);
            for (int i = 0; i < n - 1; i++)
            {
                double third = (px[i + 1] - px[i]) / 3;
                writer.Command('C').Pair(px[i] + third, py[i] + tangent[i] * third).Space()
                    .Pair(px[i + 1] - third, py[i + 1] - tangent[i + 1] * third).Space()
                    .Pair(px[i + 1], py[i + 1]);
            }
            return true;
        }
    }
}
