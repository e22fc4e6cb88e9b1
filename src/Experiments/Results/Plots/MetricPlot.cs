using Sasg.Experiments.Driver;
using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>One metric against one x axis, one line per method (the papers' figures).</summary>
internal static class MetricPlot
{
    /// <summary>Why <paramref name="metric"/> cannot be plotted from <paramref name="rows"/>, or null when it can.</summary>
    public static string? Missing(Metric metric, IReadOnlyList<MetricsRow> rows)
    {
        var values = rows.Select(metric.Value).Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            return $"{metric.Column} is NaN in every row of metrics.csv";
        }

        return metric.Scale == LogPolicy.Always && !values.Any(v => v > 0)
            ? $"{metric.Column} has no positive value to draw on a log scale"
            : null;
    }

    /// <summary>The plot of <paramref name="metric"/> against <paramref name="axis"/>, one line per method in
    /// <paramref name="methods"/> (label and rows in iteration order); call only when <see cref="Missing"/> is null.</summary>
    public static Plot Create(string name, IReadOnlyList<MethodMetrics> methods, Metric metric, MetricAxis axis)
    {
        var all = methods.SelectMany(m => m.Rows).ToList();
        var log = metric.Scale switch
        {
            LogPolicy.Always => true,
            LogPolicy.WhenWide => LogAxis.SpansMoreThan(all.Select(metric.Value), LogAxis.WideDecades),
            _ => false,
        };
        var unit = axis.UnitFor(all.Select(axis.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var plot = PlotLook.Create(
            $"{name}: {metric.Quantity} vs {axis.Title}",
            unit.Label(axis.Quantity),
            log ? $"{metric.Quantity}, log scale" : metric.Quantity);

        var lowest = double.PositiveInfinity;
        var highest = double.NegativeInfinity;
        foreach (var (method, index) in methods.Select((m, i) => (m, i)))
        {
            var points = method.Rows
                .Select(r => (X: axis.Value(r) / unit.Divisor, Y: metric.Value(r)))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!log || p.Y > 0))
                .Select(p => (p.X, Y: log ? Math.Log10(p.Y) : p.Y))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = method.Label;
            line.LineWidth = 2;
            line.MarkerShape = PlotLook.Shape(index);
            line.MarkerSize = PlotLook.MarkerSize(points.Count);
            lowest = Math.Min(lowest, points.Min(p => p.Y));
            highest = Math.Max(highest, points.Max(p => p.Y));
        }

        if (log && lowest <= highest)
        {
            LogAxis.Apply(plot.Axes.Left, lowest, highest);
        }

        plot.ShowLegend(metric.Scale == LogPolicy.Never ? Alignment.LowerRight : Alignment.UpperRight);
        return plot;
    }
}
