using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results.Plots;

/// <summary>A y axis of the metric plots.</summary>
/// <param name="FileName">The part of the file name before "-vs-".</param>
/// <param name="Quantity">The axis label.</param>
/// <param name="Column">The metrics.csv column, for messages.</param>
/// <param name="Value">The value of a metrics row, as plotted (accuracy in percent).</param>
/// <param name="Scale">When the axis is logarithmic.</param>
internal sealed record Metric(string FileName, string Quantity, string Column, Func<MetricsRow, double> Value, LogPolicy Scale)
{
    /// <summary>Train loss, test accuracy and the objective error |f - f*|.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        new("loss", "train loss", "train_loss", r => r.TrainLoss, LogPolicy.WhenWide),
        new("accuracy", "test accuracy (%)", "test_accuracy", r => 100 * r.TestAccuracy, LogPolicy.Never),
        new("objective-error", "objective error |f - f*|", "objective_error", r => r.ObjectiveError, LogPolicy.Always),
    ];

    /// <summary>Top-5 test accuracy, plotted only from a metrics.csv that has the column.</summary>
    public static Metric Top5Accuracy { get; } =
        new("top5-accuracy", "test top-5 accuracy (%)", "test_top5_accuracy", r => 100 * r.TestTop5Accuracy, LogPolicy.Never);

    /// <summary>The metrics to plot from <paramref name="rows"/>: <see cref="All"/>, and top-5 accuracy when a row has it
    /// (a run without it reports no skipped top-5 plot).</summary>
    public static IEnumerable<Metric> For(IReadOnlyList<MetricsRow> rows) =>
        rows.Any(r => !double.IsNaN(r.TestTop5Accuracy)) ? [.. All, Top5Accuracy] : All;
}
