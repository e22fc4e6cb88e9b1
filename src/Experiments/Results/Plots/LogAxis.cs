using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Logarithmic axes in ScottPlot 5, which has no log axis type: the plot draws log10 of the values and
/// this axis labels the ticks with the values themselves.</summary>
internal static class LogAxis
{
    /// <summary>How many times the smallest positive value the largest must exceed for a "log when wide" axis: two
    /// decades.</summary>
    public const double WideRatio = 100;

    /// <summary>Whether an axis of <paramref name="values"/> is drawn on a log scale under
    /// <paramref name="policy"/>; the one decision of every run and sweep plot.</summary>
    public static bool IsLog(LogPolicy policy, IEnumerable<double> values) => policy switch
    {
        LogPolicy.Always => true,
        LogPolicy.WhenWide => IsWide(values),
        _ => false,
    };

    /// <summary>Whether the positive values span more than two decades: the largest is more than
    /// <see cref="WideRatio"/> times the smallest. Zeros are ignored (a log axis leaves them out: bits and uploads
    /// are 0 at iteration 0), as are non-finite values; a negative value keeps the axis linear, and so do fewer than
    /// two positive values.</summary>
    public static bool IsWide(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var smallest = double.PositiveInfinity;
        var largest = 0.0;
        foreach (var value in values.Where(double.IsFinite))
        {
            if (value < 0)
            {
                return false;
            }

            if (value > 0)
            {
                smallest = Math.Min(smallest, value);
                largest = Math.Max(largest, value);
            }
        }

        return largest > 0 && largest > WideRatio * smallest;
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
