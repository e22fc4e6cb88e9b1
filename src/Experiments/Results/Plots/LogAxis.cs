using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Logarithmic y axes in ScottPlot 5, which has no log axis type: the plot draws log10 of the values and
/// this axis labels the ticks with the values themselves.</summary>
internal static class LogAxis
{
    /// <summary>How many decades the positive values of a "log when wide" metric must span for a log axis.</summary>
    public const double WideDecades = 3;

    /// <summary>Whether every value is positive and the largest is more than 10^<paramref name="decades"/> times the
    /// smallest (non-finite values are ignored).</summary>
    public static bool SpansMoreThan(IEnumerable<double> values, double decades)
    {
        var smallest = double.PositiveInfinity;
        var largest = 0.0;
        foreach (var value in values.Where(double.IsFinite))
        {
            if (value <= 0)
            {
                return false;
            }

            smallest = Math.Min(smallest, value);
            largest = Math.Max(largest, value);
        }

        return largest > 0 && Math.Log10(largest) - Math.Log10(smallest) > decades;
    }

    /// <summary>Makes <paramref name="axis"/> label log10-transformed data; <paramref name="lowest"/> and
    /// <paramref name="highest"/> are the plotted log10 values.</summary>
    /// <remarks>With a decade or more on the axis the major ticks are whole powers of ten with minor ticks at 2..9
    /// times them; a narrower range keeps ScottPlot's automatic positions, labelled with their values.</remarks>
    public static void Apply(IAxis axis, double lowest, double highest)
    {
        ArgumentNullException.ThrowIfNull(axis);
        var ticks = new NumericAutomatic { LabelFormatter = Label };
        if (highest - lowest >= 1)
        {
            ticks.IntegerTicksOnly = true;
            ticks.MinorTickGenerator = new LogMinorTickGenerator();
        }

        axis.TickGenerator = ticks;
    }

    /// <summary>The tick label of log10 value <paramref name="exponent"/>: "0.01", "1000" or "1e-6" for powers of ten,
    /// "3.16e-5" otherwise.</summary>
    public static string Label(double exponent)
    {
        var value = Math.Pow(10, exponent);
        var rounded = Math.Round(exponent);
        if (Math.Abs(exponent - rounded) < 1e-9)
        {
            return rounded is >= -3 and <= 4
                ? value.ToString("0.###", CultureInfo.InvariantCulture)
                : "1e" + rounded.ToString("0", CultureInfo.InvariantCulture);
        }

        return value is >= 1e-3 and < 1e5
            ? value.ToString("G3", CultureInfo.InvariantCulture)
            : value.ToString("0.##e0", CultureInfo.InvariantCulture);
    }
}
