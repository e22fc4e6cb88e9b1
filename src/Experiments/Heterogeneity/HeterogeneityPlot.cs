using System.Globalization;
using Sasg.Experiments.Results;
using ScottPlot;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>saving-vs-&lt;axis&gt;.png and .svg: predicted DeltaC and measured savings 1 - C_LAG / C_GD of LAG-WK and
/// LAG-PS against the swept value.</summary>
/// <remarks>The lines join the means over seeds; every seed's measurement is also drawn as a small open marker, so
/// the spread shows. A value where a method missed the target has no point.</remarks>
public static class HeterogeneityPlot
{
    private const int Width = 900;
    private const int Height = 600;

    // The lowest saving drawn to scale: -1 means LAG needed twice GD's uploads.
    private const double Floor = -1;

    // ScottPlot's default face is a serif one on Linux boxes without Segoe UI or Open Sans; prefer a sans family.
    private static readonly string? SansFamily =
        new[] { "Segoe UI", "Open Sans", "Helvetica", "Arial", "DejaVu Sans", "Liberation Sans", "Noto Sans" }
            .FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false)?.FamilyName == f);

    /// <summary>Writes the plot of <paramref name="points"/> (a sweep over <paramref name="axis"/>) into
    /// <paramref name="directory"/>; returns the PNG's path.</summary>
    public static string Write(string directory, string scenarioName, HeterogeneityAxis axis, IReadOnlyList<HeterogeneitySweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = Draw(scenarioName, axis, points);
        var stem = Path.Combine(directory, "saving-vs-" + HeterogeneityCsv.AxisName(axis));
        AtomicFile.Write(stem + ".png", s => s.Write(plot.GetImageBytes(Width, Height, ImageFormat.Png)));
        AtomicFile.WriteAllText(stem + ".svg", plot.GetSvgXml(Width, Height));
        return stem + ".png";
    }

    internal static Plot Draw(string scenarioName, HeterogeneityAxis axis, IReadOnlyList<HeterogeneitySweepPoint> points)
    {
        var plot = new Plot();
        if (SansFamily is { } family)
        {
            plot.Font.Set(family);
        }

        // A saving far below 0 (LAG needing several times GD's uploads) would squash the interesting range [0, 1]:
        // such points are drawn at the floor with their value written beside them.
        var ys = points.SelectMany(p => p.Outcome.Seeds.SelectMany(s => new[] { s.Prediction.Saving, 1 - s.LagWkRatio, 1 - s.LagPsRatio }))
            .Where(double.IsFinite)
            .Append(0)
            .ToArray();
        var floor = Math.Max(ys.Min(), Floor);
        var palette = new ScottPlot.Palettes.Category10();
        var x = points.Select(p => p.Value).ToArray();
        var predicted = plot.Add.Scatter(x, points.Select(p => p.Outcome.Seeds.Average(s => s.Prediction.Saving)).ToArray());
        Style(predicted, palette.GetColor(0), MarkerShape.FilledDiamond, LinePattern.Dashed, "predicted DeltaC at LAG-WK's xi: LAG-WK's bound (LAG-PS has its own; see the table)");
        AddMeasured(plot, points, s => s.LagWkRatio, palette.GetColor(1), MarkerShape.FilledCircle, "measured LAG-WK", floor);
        AddMeasured(plot, points, s => s.LagPsRatio, palette.GetColor(2), MarkerShape.FilledSquare, "measured LAG-PS", floor);

        // A zero line: above it LAG saves uploads, below it LAG needs more than GD.
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Gray;
        zero.LineWidth = 1;
        zero.LinePattern = LinePattern.Dotted;

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            x, x.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)).ToArray());
        var span = x.Length > 1 ? x.Max() - x.Min() : 1;
        plot.Axes.SetLimitsX(x.Min() - (0.06 * span), x.Max() + (0.06 * span));
        var high = Math.Max(1, ys.Max());
        var pad = 0.06 * (high - floor);
        plot.Axes.SetLimitsY(floor - pad, high + pad);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(high - floor > 1.5 ? 0.25 : 0.1);

        plot.Title($"predicted vs measured saving ({scenarioName})", 16);
        plot.XLabel(axis == HeterogeneityAxis.Base ? "data.base (c_m = base^(m-1); 1 = uniform L_m)" : "workers M", 14);
        plot.YLabel("saving = 1 - C_LAG / C_GD", 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void AddMeasured(
        Plot plot, IReadOnlyList<HeterogeneitySweepPoint> points, Func<HeterogeneitySeedResult, double> ratio, Color color,
        MarkerShape marker, string legend, double floor)
    {
        var means = points
            .Select(p => (X: p.Value, Savings: p.Outcome.Seeds.Select(s => 1 - ratio(s)).Where(double.IsFinite).ToArray()))
            .Where(p => p.Savings.Length > 0)
            .Select(p => (p.X, p.Savings, Mean: p.Savings.Average()))
            .ToArray();
        var line = plot.Add.Scatter(means.Select(p => p.X).ToArray(), means.Select(p => Math.Max(p.Mean, floor)).ToArray());
        Style(line, color, marker, LinePattern.Solid, legend);

        if (points.Max(p => p.Outcome.Seeds.Count) > 1)
        {
            var seeds = means.SelectMany(p => p.Savings.Select(s => (p.X, Y: Math.Max(s, floor)))).ToArray();
            var each = plot.Add.ScatterPoints(seeds.Select(p => p.X).ToArray(), seeds.Select(p => p.Y).ToArray());
            each.Color = color;
            each.MarkerShape = MarkerShape.OpenCircle;
            each.MarkerSize = 10;
        }

        foreach (var (px, _, mean) in means.Where(p => p.Mean < floor))
        {
            var label = plot.Add.Text(
                string.Create(CultureInfo.InvariantCulture, $"{mean:0.##} (off scale)"), px, floor);
            label.LabelFontColor = color;
            label.LabelFontSize = 12;
            label.LabelAlignment = marker == MarkerShape.FilledCircle ? Alignment.LowerLeft : Alignment.UpperLeft;
            label.OffsetX = 10;
        }
    }

    private static void Style(ScottPlot.Plottables.Scatter line, Color color, MarkerShape marker, LinePattern pattern, string legend)
    {
        line.Color = color;
        line.MarkerShape = marker;
        line.MarkerSize = 9;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.LegendText = legend;
    }
}
