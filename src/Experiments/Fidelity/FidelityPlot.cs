using System.Globalization;
using Sasg.Experiments.Results.Plots;
using ScottPlot;

namespace Sasg.Experiments.Fidelity;

/// <summary>Median and p95 |error| of large-payload iterations per configuration, grouped by (rate, latency, mode) on
/// the x axis (one point per M, spread slightly), for the payload and wire models, with target lines at 3 % and 10 %.</summary>
internal static class FidelityPlot
{
    public static Plot Create(IReadOnlyList<FidelitySummary> summaries)
    {
        var plot = PlotLook.Create("Iteration time error, uploads >= 160 KiB (a point per M)", string.Empty, "|error| (%)");
        var large = summaries.Where(s => s.Class == PayloadClass.Large).ToList();
        var groups = large.Select(s => Group(s.Configuration)).Distinct().ToList();
        var workers = large.Select(s => s.Configuration.Workers).Distinct().Order().ToList();
        var series = new[]
        {
            (LinkModelVariant.Payload, false, "payload (old) median"), (LinkModelVariant.Wire, false, "wire median"),
            (LinkModelVariant.Wire, true, "wire p95"),
        };
        foreach (var ((variant, p95, label), index) in series.Select((s, i) => (s, i)))
        {
            var points = large.Where(s => s.Variant == variant).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(
                points.Select(s => groups.IndexOf(Group(s.Configuration)) + Spread(workers, s.Configuration.Workers)).ToArray(),
                points.Select(s => 100 * (p95 ? s.P95AbsoluteError : s.MedianAbsoluteError)).ToArray());
            scatter.LegendText = label;
            scatter.MarkerShape = PlotLook.Shape(index);
            scatter.MarkerSize = 5;
        }

        var median = plot.Add.HorizontalLine(100 * FidelitySummary.MedianTarget);
        median.LinePattern = LinePattern.Dashed;
        median.LegendText = "target: median 3 %";
        var tail = plot.Add.HorizontalLine(100 * FidelitySummary.P95Target);
        tail.LinePattern = LinePattern.Dotted;
        tail.LegendText = "target: p95 10 %";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select((g, x) => new Tick(x, g)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.SetLimitsX(-0.6, groups.Count - 0.4);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string Group(FidelityConfiguration c) => string.Create(
        CultureInfo.InvariantCulture, $"{c.NetemRate.Replace("bit", string.Empty, StringComparison.Ordinal)} {c.LatencyText} {c.Mode.ToString().ToLowerInvariant()}");

    // Points of one group spread over ±0.3 by M, so that the M of a point can be read from its position.
    private static double Spread(List<int> workers, int m) =>
        workers.Count < 2 ? 0 : -0.3 + (0.6 * workers.IndexOf(m) / (workers.Count - 1));
}
