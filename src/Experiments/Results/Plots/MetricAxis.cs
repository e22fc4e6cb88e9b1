using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results.Plots;

/// <summary>An x axis of the metric plots: what the papers plot their curves against.</summary>
/// <param name="FileName">The part of the file name after "-vs-".</param>
/// <param name="Title">How the plot's title names the axis.</param>
/// <param name="Quantity">The axis label without its unit.</param>
/// <param name="Value">The value of a metrics row on this axis, in the data's unit (count, bits, seconds).</param>
/// <param name="UnitFor">The unit to show, given the largest value plotted.</param>
/// <param name="Scale">When the axis is logarithmic: the communication axes are when wide (methods that upload less
/// would otherwise crowd at x = 0); iterations, the same range for every method, stay linear.</param>
internal sealed record MetricAxis(
    string FileName,
    string Title,
    string Quantity,
    Func<MetricsRow, double> Value,
    Func<double, AxisUnit> UnitFor,
    LogPolicy Scale)
{
    /// <summary>The four x axes: iterations, uploads, paper bits and simulated seconds.</summary>
    public static IReadOnlyList<MetricAxis> All { get; } =
    [
        new("iterations", "iterations", "iteration k", r => r.Iteration, _ => AxisUnit.Count, LogPolicy.Never),
        new("uploads", "uploads", "uploads so far (all workers)", r => r.Uploads, _ => AxisUnit.Count, LogPolicy.WhenWide),
        new("bits", "bits uploaded", "bits uploaded, as the papers count them", r => r.PaperBits, AxisUnit.Bits, LogPolicy.WhenWide),
        new("seconds", "simulated time", "simulated time", r => r.SimulatedSeconds, AxisUnit.Seconds, LogPolicy.WhenWide),
    ];
}
