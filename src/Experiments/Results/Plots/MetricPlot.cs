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

    /// <summary>Which axes of the plot of <paramref name="metric"/> against <paramref name="axis"/> are logarithmic,
    /// decided by <see cref="LogAxis.IsLog"/> over the points where both values are finite.</summary>
    public static (bool X, bool Y) LogScales(IReadOnlyList<MethodMetrics> methods, Metric metric, MetricAxis axis)
    {
        var points = methods.SelectMany(m => m.Rows)
            .Select(r => (X: axis.Value(r), Y: metric.Value(r)))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .ToList();
        return (LogAxis.IsLog(axis.Scale, points.Select(p => p.X)), LogAxis.IsLog(metric.Scale, points.Select(p => p.Y)));
    }

    /// <summary>The plot of <paramref name="metric"/> against <paramref name="axis"/>, one line per method in
    /// <paramref name="methods"/> (label and rows in iteration order); call only when <see cref="Missing"/> is null.
    /// On a log axis the points at or below zero (bits and uploads at iteration 0) are left out.</summary>
    public static Plot Create(string name, IReadOnlyList<MethodMetrics> methods, Metric metric, MetricAxis axis)
    {
        var all = methods.SelectMany(m => m.Rows).ToList();
        var (logX, logY) = LogScales(methods, metric, axis);
        var unit = axis.UnitFor(all.Select(axis.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var plot = PlotLook.Create(
            $"{name}: {metric.Quantity} vs {axis.Title}",
            LogLabel(unit.Label(axis.Quantity), logX),
            LogLabel(metric.Quantity, logY));

        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (method, index) in methods.Select((m, i) => (m, i)))
        {
            var points = method.Rows
                .Select(r => (X: axis.Value(r) / unit.Divisor, Y: metric.Value(r)))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!logX || p.X > 0) && (!logY || p.Y > 0))
                .Select(p => (X: logX ? Math.Log10(p.X) : p.X, Y: logY ? Math.Log10(p.Y) : p.Y))
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
            xs.AddRange(points.Select(p => p.X));
            ys.AddRange(points.Select(p => p.Y));
        }

        if (logX && xs.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Bottom, xs.Min(), xs.Max());
        }

        if (logY && ys.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Left, ys.Min(), ys.Max());
        }

        plot.ShowLegend(metric.Scale == LogPolicy.Never ? Alignment.LowerRight : Alignment.UpperRight);
        return plot;
    }

    /// <summary><paramref name="label"/>, marked as log scale when <paramref name="log"/>.</summary>
    public static string LogLabel(string label, bool log) => log ? label + ", log scale" : label;
}
