using Sasg.NetSim.Trace;
using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>A per-worker timeline of the first rounds of a trace: one row per worker, the worker's own activity
/// (model download, compute, upload, skip notice) in the upper half and the server's handling of its upload (queue
/// wait, receive) in the lower half; dotted lines mark the end of each round.</summary>
internal static class TimelinePlot
{
    /// <summary>How many rounds the timeline shows.</summary>
    public const int Rounds = 20;

    private const double LaneHeight = 0.38;

    // Worker-side kinds sit in the upper lane, server-side kinds (node = the uploading worker) in the lower lane.
    private static readonly (TraceKind Kind, string Legend, string Color, bool Upper)[] Lanes =
    [
        (TraceKind.Broadcast, "model download", "#c5b0d5", true),
        (TraceKind.Compute, "compute", "#1f77b4", true),
        (TraceKind.Upload, "upload", "#ff7f0e", true),
        (TraceKind.Skip, "skip notice", "#7f7f7f", true),
        (TraceKind.QueueWait, "server: queue wait", "#d62728", false),
        (TraceKind.Receive, "server: receive", "#2ca02c", false),
    ];

    /// <summary>Why <paramref name="records"/> cannot be drawn, or null when they can.</summary>
    public static string? Missing(IReadOnlyList<TraceRecord> records) =>
        records.Any(r => r.Node != TraceRecord.ServerNode) ? null : "the trace has no worker records";

    /// <summary>The timeline of method <paramref name="label"/> from <paramref name="records"/> (the first
    /// <see cref="Rounds"/> rounds of its trace); call only when <see cref="Missing"/> is null.</summary>
    public static Plot Create(string name, string label, IReadOnlyList<TraceRecord> records)
    {
        var workers = records.Where(r => r.Node != TraceRecord.ServerNode).Max(r => r.Node) + 1;
        var rounds = records.Max(r => r.Round) + 1;
        var unit = AxisUnit.Seconds(records.Max(r => r.End.TotalSeconds));
        var plot = PlotLook.Create(
            $"{name}: {label}, per-worker timeline of rounds 0-{rounds - 1}",
            unit.Label("simulated time"),
            string.Empty);

        foreach (var (kind, legend, color, upper) in Lanes)
        {
            var bars = records
                .Where(r => r.Kind == kind && r.Node != TraceRecord.ServerNode)
                .Select(r => new Bar
                {
                    Position = Row(workers, r.Node) + ((upper ? 1 : -1) * LaneHeight / 2),
                    ValueBase = r.Start.TotalSeconds / unit.Divisor,
                    Value = r.End.TotalSeconds / unit.Divisor,
                    Size = LaneHeight,
                    FillColor = Color.FromHex(color),
                    LineWidth = 0,
                })
                .ToList();
            if (bars.Count == 0)
            {
                continue;
            }

            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            plottable.LegendText = legend;
        }

        foreach (var end in records.Where(r => r.Kind == TraceKind.Round).Select(r => r.End.TotalSeconds / unit.Divisor))
        {
            plot.Add.VerticalLine(end, 1, Colors.Gray, LinePattern.Dotted);
        }

        // Tight limits: ScottPlot's automatic margins would start the time axis well before zero.
        var last = records.Max(r => r.End.TotalSeconds) / unit.Divisor;
        plot.Axes.SetLimitsX(-0.01 * last, 1.01 * last);
        plot.Axes.Left.TickGenerator = WorkerTicks(workers);
        plot.Axes.SetLimitsY(-0.6, workers - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    // Worker 0 at the top.
    private static double Row(int workers, int worker) => workers - 1 - worker;

    // At most about 20 labels, so that the rows stay readable with many workers.
    private static ScottPlot.TickGenerators.NumericManual WorkerTicks(int workers)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(workers / 20.0));
        for (var w = 0; w < workers; w += step)
        {
            ticks.AddMajor(Row(workers, w), $"worker {w}");
        }

        return ticks;
    }
}
