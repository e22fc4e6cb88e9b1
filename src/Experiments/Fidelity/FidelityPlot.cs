using Sasg.Experiments.Results.Plots;
using ScottPlot;

namespace Sasg.Experiments.Fidelity;

/// <summary>Median and p95 |error| of large-payload iterations per configuration, for the wire and wire-rtt models,
/// with the target lines at 3 % and 10 %.</summary>
internal static class FidelityPlot
{
    public static Plot Create(IReadOnlyList<FidelitySummary> summaries)
    {
        var plot = PlotLook.Create("Simulated vs emulated iteration time, payloads >= 160 KiB", "configuration", "|error| (%)");
        var large = summaries.Where(s => s.Class == PayloadClass.Large).ToList();
        var configurations = large.Select(s => s.Configuration).Distinct().ToList();
        var series = new[]
        {
            (LinkModelVariant.Wire, false, "wire median"), (LinkModelVariant.Wire, true, "wire p95"),
            (LinkModelVariant.WireMeasuredLatency, false, "wire-rtt median"), (LinkModelVariant.WireMeasuredLatency, true, "wire-rtt p95"),
        };
        foreach (var ((variant, p95, label), index) in series.Select((s, i) => (s, i)))
        {
            var points = configurations
                .Select((c, x) => (x, s: large.FirstOrDefault(s => s.Configuration == c && s.Variant == variant)))
                .Where(p => p.s is not null)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(
                points.Select(p => (double)p.x).ToArray(),
                points.Select(p => 100 * (p95 ? p.s!.P95AbsoluteError : p.s!.MedianAbsoluteError)).ToArray());
            scatter.LegendText = label;
            scatter.MarkerShape = PlotLook.Shape(index);
            scatter.MarkerSize = 6;
        }

        var median = plot.Add.HorizontalLine(100 * FidelitySummary.MedianTarget);
        median.LinePattern = LinePattern.Dashed;
        var tail = plot.Add.HorizontalLine(100 * FidelitySummary.P95Target);
        tail.LinePattern = LinePattern.Dotted;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            configurations.Select((c, x) => new Tick(x, c.Name)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
