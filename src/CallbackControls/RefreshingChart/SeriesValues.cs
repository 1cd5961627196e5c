using System.Collections.Generic;
using System.Linq;

namespace CallbackControls
{
    /// <summary>The range a series' values span (the X values, the finite Y values).</summary>
    internal sealed class ValueRange
    {
        public readonly double XMin, XMax, YMin, YMax;

        public ValueRange(double xMin, double xMax, double yMin, double yMax)
        {
            XMin = xMin;
            XMax = xMax;
            YMin = yMin;
            YMax = yMax;
        }
    }

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

        // The point object behind each value, for its own tooltip and colour: null for the whole series when
        // none of its points exists as an object (a series filled with arrays), null entries where one does not.
        public ChartPoint[] Source;
        public int Count;

        // Stacked layers only: whether the layer has a point of its own at each X, and that point's value
        // (the drawn Y is its top on the stack).
        public bool[] Present;
        public double[] Own;

        /// <summary>The series' own value at an index: a stacked layer's own, not its top on the stack.</summary>
        public double OwnValue(int i) => Own != null ? Own[i] : Y[i];

        // Set when the series was measured as it was taken out of its points (not after stacking): its range,
        // and how many of its Y values are finite (-1: not counted).
        public ValueRange Range;
        public int Finite = -1;

        // Where the first highest and lowest Y values are, when measured (-1 otherwise): decimation keeps them.
        public int Highest = -1;
        public int Lowest = -1;

        // The drawn indexes, one array per unbroken run of values.
        public List<int[]> Runs = new List<int[]>();
        public bool Decimated;

        public int Drawn => Runs.Sum(r => r.Length);

        public ChartPoint SourceAt(int i) => Source?[i];

        /// <summary>False where a stacked layer has no point at this X (only other layers do): nothing is drawn there.</summary>
        public bool HasPointAt(int i) => Present == null || Present[i];
    }
}
