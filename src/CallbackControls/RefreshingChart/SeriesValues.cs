using System.Collections.Generic;
using System.Linq;

namespace CallbackControls
{
    /// <summary>
    /// One series as a cartesian chart draws it: plain arrays (not points) because decimation and stacking
    /// run over thousands of values on every refresh.
    /// </summary>
    internal sealed class SeriesValues
    {
        public int Index;
        public ChartSeries Series;
        public ChartType Type;
        public string Name;
        public string Color;

        // On a category axis X is the category's index.
        public double[] X;
        public double[] Y;

        // For stacked layers: the top of the layer below at each X.
        public double[] Base;

        // The point behind each value, for tooltips (null where a stacked layer has no point at that X).
        public ChartPoint[] Source;
        public int Count;

        // The drawn indexes, one array per unbroken run of values.
        public List<int[]> Runs = new List<int[]>();
        public bool Decimated;

        public int Drawn => Runs.Sum(r => r.Length);
    }
}
