using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Scenarios;
using ScottPlot;

namespace Sasg.Experiments.Sweeps;

/// <summary>Draws plots/&lt;metric&gt;-vs-&lt;axis&gt;.png and .svg from the combined CSV: one line per algorithm (and
/// per combination of the other axes' values, told apart by marker shape, and by filled or open markers for a
/// two-valued one of exactly two other axes) against each swept axis.</summary>
/// <remarks>An axis whose values are all JSON numbers is drawn to scale; any other axis (bandwidths, policies) is
/// categorical: its values sit at 0, 1, 2, ... in file order, labelled as written. A metric with no value at all (no
/// target reached) gives no plot. The run plots' look (<see cref="PlotLook"/>) and log-axis rule: a numeric swept axis
/// or a metric whose positive values span more than two decades (<see cref="LogAxis.IsWide"/>) is drawn on a log scale,
/// labelled with the values, and the points at or below zero are left out of it.</remarks>
internal static class SweepPlots
{
    private const int Width = 1000;
    private const int Height = 600;
    private const int MaxTickLabels = 10;

    private static readonly (string Name, string Column, string Label)[] Metrics =
    [
        ("simulated-seconds", "simulated_seconds", "simulated time (s)"),
        ("uploads", "uploads", "uploads (communication rounds)"),
        ("seconds-to-target", "seconds_to_target", "simulated time to target (s)"),
    ];

    /// <summary>The shapes that come filled and open: one per value of the shape axis when another axis's two values
    /// are told apart by fill (<see cref="FillAxis"/>). Not line patterns: Skia's SVG backend cannot draw dashes
    /// (<see cref="PlotLook"/>).</summary>
    private static readonly (MarkerShape Filled, MarkerShape Open)[] FilledAndOpen =
    [
        (MarkerShape.FilledCircle, MarkerShape.OpenCircle), (MarkerShape.FilledSquare, MarkerShape.OpenSquare),
        (MarkerShape.FilledTriangleUp, MarkerShape.OpenTriangleUp), (MarkerShape.FilledDiamond, MarkerShape.OpenDiamond),
        (MarkerShape.FilledTriangleDown, MarkerShape.OpenTriangleDown),
    ];

    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenTriangleDown, MarkerShape.Eks, MarkerShape.Cross, MarkerShape.Asterisk,
    ];


    public static void Write(string directory, ScenarioSweep sweep, IReadOnlyList<ScenarioCell> cells, string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = SweepCsv.Split(lines[0]);
        var rows = lines.Skip(1).Select(SweepCsv.Split).ToList();
        var cellById = cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var algorithmColumn = header.IndexOf("algorithm");
        var algorithms = rows.Select(r => r[algorithmColumn]).Distinct(StringComparer.Ordinal).ToList();
        // Drawn one after another: ScottPlot/SkiaSharp rendering from several threads at once crashed the process
        // (SIGSEGV) in a test of parallel drawing.
        for (var a = 0; a < sweep.Axes.Count; a++)
        {
            foreach (var metric in Metrics)
            {
                var column = header.IndexOf(metric.Column);
                var points = rows
                    .Select(r => (Row: r, Cell: cellById[r[0]], Y: SweepCsv.Number(r[column])))
                    .Where(p => double.IsFinite(p.Y))
                    .ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                var plot = Draw(sweep, a, metric.Label, algorithms, points.Select(p => (p.Cell, p.Row[algorithmColumn], p.Y)).ToList());
                var stem = Path.Combine(directory, metric.Name + "-vs-" + SafeName(sweep.Axes[a].Path));
                AtomicFile.Write(stem + ".png", s => s.Write(plot.GetImageBytes(Width, Height, ImageFormat.Png)));
                AtomicFile.WriteAllText(stem + ".svg", plot.GetSvgXml(Width, Height));
            }
        }
    }

    private static Plot Draw(
        ScenarioSweep sweep, int axis, string metricLabel, List<string> algorithms, List<(ScenarioCell Cell, string Algorithm, double Y)> points)
    {
        var swept = sweep.Axes[axis];
        var numeric = IsNumeric(swept);
        var ys = points.Select(p => p.Y).ToList();
        var positions = Enumerable.Range(0, swept.Values.Count)
            .Select(i => numeric ? swept.Values[i].Value<double>() : i)
            .ToList();
        var (logX, logY) = LogScales(swept, ys);
        var plot = PlotLook.Create(
            $"{metricLabel} vs {swept.Path}", MetricPlot.LogLabel(swept.Path, logX), MetricPlot.LogLabel(metricLabel, logY));
        var palette = new ScottPlot.Palettes.Category10();

        // One series per algorithm (colour) and per combination of the other axes' values (marker shape; with exactly
        // two other axes, one of two values by filled or open markers instead), in cell order.
        var fillAxis = FillAxis(sweep, axis);
        var series = points
            .GroupBy(p => (p.Algorithm, Others: OtherValues(sweep, p.Cell, axis, fillAxis),
                Open: fillAxis is { } fa && Choice(sweep, p.Cell.Index, fa) == 1))
            .ToList();
        var others = series.Select(s => s.Key.Others).Distinct(StringComparer.Ordinal).ToList();
        foreach (var s in series)
        {
            var ordered = s.Select(p => (X: Position(sweep, p.Cell, axis, numeric), p.Y))
                .Where(p => (!logX || p.X > 0) && (!logY || p.Y > 0))
                .Select(p => (X: logX ? Math.Log10(p.X) : p.X, Y: logY ? Math.Log10(p.Y) : p.Y))
                .OrderBy(p => p.X)
                .ToArray();
            if (ordered.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(ordered.Select(p => p.X).ToArray(), ordered.Select(p => p.Y).ToArray());
            line.Color = palette.GetColor(algorithms.IndexOf(s.Key.Algorithm));
            line.MarkerShape = fillAxis is null
                ? Markers[others.IndexOf(s.Key.Others) % Markers.Length]
                : Shape(others.IndexOf(s.Key.Others), s.Key.Open);
            line.MarkerSize = 8;
            // Methods that learn alike (Top-k and SASG where SASG skips nothing) draw the same line: earlier methods'
            // lines are wider, so every colour stays visible, as in the run plots.
            line.LineWidth = PlotLook.StackedWidth(algorithms.IndexOf(s.Key.Algorithm), algorithms.Count);
        }

        // The legend names each colour and each marker once, rather than every series.
        var legend = algorithms.Select((a, i) => new LegendItem
        {
            LabelText = a,
            LineColor = palette.GetColor(i),
            LineWidth = 2,
            MarkerShape = MarkerShape.None,
        }).ToList();
        if (others.Count > 1 && others.Count <= Markers.Length)
        {
            legend.AddRange(others.Select((o, i) => new LegendItem
            {
                LabelText = o,
                MarkerShape = fillAxis is null ? Markers[i % Markers.Length] : Shape(i, open: false),
                MarkerColor = Colors.Gray,
                MarkerSize = 8,
            }));
        }
        else if (others.Count > Markers.Length)
        {
            // More combinations than marker shapes: the shapes repeat, so naming each would mislead (and a legend of
            // hundreds of entries neither fits nor draws quickly). sweep.csv tells the lines apart.
            legend.Add(new LegendItem
            {
                LabelText = $"{others.Count.ToString(CultureInfo.InvariantCulture)} other-axis combinations (markers repeat)",
                MarkerShape = Markers[0],
                MarkerColor = Colors.Gray,
                MarkerSize = 8,
            });
        }

        if (fillAxis is { } filled)
        {
            var values = sweep.Axes[filled];
            legend.AddRange(values.Values.Select((v, i) => new LegendItem
            {
                LabelText = values.ShortName + "=" + SweepCsv.ValueText(v) + (i == 0 ? " (filled)" : " (open)"),
                MarkerShape = Shape(0, open: i == 1),
                MarkerColor = Colors.Gray,
                MarkerSize = 8,
            }));
        }

        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);

        // Ticks sit at the swept values, labelled as written (categorical axes at 0, 1, 2, ...; values at or below zero
        // have no place on a log axis).
        var shown = positions.Select((x, i) => (X: x, Index: i)).Where(t => !logX || t.X > 0).ToList();
        var ticks = shown.Select(t => logX ? Math.Log10(t.X) : t.X).ToArray();
        // At most about 10 labels: with more values (a 100-point uplink axis) every k-th is labelled, the rest keep a tick.
        var labelEvery = (int)Math.Ceiling(ticks.Length / (double)MaxTickLabels);
        var labels = shown.Select((t, i) => i % labelEvery == 0 ? SweepCsv.ValueText(swept.Values[t.Index]) : string.Empty).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
        var margin = ticks.Length > 1 ? (ticks.Max() - ticks.Min()) / (2.0 * (ticks.Length - 1)) : 0.5;
        plot.Axes.SetLimitsX(ticks.Min() - margin, ticks.Max() + margin);

        var plotted = ys.Where(y => !logY || y > 0).Select(y => logY ? Math.Log10(y) : y).ToList();
        if (logY && plotted.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Left, plotted.Min(), plotted.Max());
        }

        return plot;
    }

    /// <summary>Which axes of a plot against <paramref name="swept"/> of the metric values <paramref name="ys"/> are
    /// logarithmic: a numeric swept axis whose positive values span two decades or more (10, 100 and 1,000 workers: the
    /// values a user picks decades apart), and the metric by the run plots' rule (<see cref="LogAxis.IsWide"/>, more
    /// than two decades: times across bandwidths span decades); a categorical axis stays linear.</summary>
    public static (bool X, bool Y) LogScales(ScenarioSweepAxis swept, IEnumerable<double> ys) =>
        (IsNumeric(swept) && SpansTwoDecades(swept.Values.Select(v => v.Value<double>())), LogAxis.IsLog(LogPolicy.WhenWide, ys));

    // As LogAxis.IsWide (zeros and non-finite values ignored, a negative value keeps the axis linear), but from exactly
    // two decades on.
    private static bool SpansTwoDecades(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var positive = finite.Where(v => v > 0).ToList();
        return finite.All(v => v >= 0) && positive.Count >= 2 && positive.Max() >= LogAxis.WideRatio * positive.Min();
    }

    private static bool IsNumeric(ScenarioSweepAxis swept) =>
        swept.Values.All(v => v.Type is JTokenType.Integer or JTokenType.Float);

    private static double Position(ScenarioSweep sweep, ScenarioCell cell, int axis, bool numeric) =>
        numeric ? cell.Values[axis].Value.Value<double>() : Choice(sweep, cell.Index, axis);

    /// <summary>Of a plot against <paramref name="axis"/>, the other axis whose two values are drawn as filled and
    /// open markers, the remaining one's values as marker shapes: only when there are exactly two other axes, one of
    /// them with exactly two values (the earlier in file order if both have two) and the other with at most five
    /// (the shapes that come filled and open). A sweep of M x link rate (2) x topology (3) plotted against M thus
    /// gives one shape per topology, filled for the first rate and open for the second.</summary>
    public static int? FillAxis(ScenarioSweep sweep, int axis)
    {
        var others = Enumerable.Range(0, sweep.Axes.Count).Where(i => i != axis).ToList();
        if (others.Count != 2)
        {
            return null;
        }

        bool Fits(int fill, int shape) =>
            sweep.Axes[fill].Values.Count == 2 && sweep.Axes[shape].Values.Count <= FilledAndOpen.Length;
        return Fits(others[0], others[1]) ? others[0] : Fits(others[1], others[0]) ? others[1] : null;
    }

    // The shape of the index-th value of the shape axis, filled or open.
    private static MarkerShape Shape(int index, bool open) =>
        open ? FilledAndOpen[index].Open : FilledAndOpen[index].Filled;

    private static string OtherValues(ScenarioSweep sweep, ScenarioCell cell, int axis, int? fillAxis) =>
        string.Join(", ", sweep.Axes
            .Select((a, i) => (Axis: a, Index: i))
            .Where(a => a.Index != axis && a.Index != fillAxis)
            .Select(a => a.Axis.ShortName + "=" + SweepCsv.ValueText(cell.Values[a.Index].Value)));

    /// <summary>The index of cell <paramref name="index"/>'s value on <paramref name="axis"/> (cells are row-major,
    /// last axis fastest).</summary>
    private static int Choice(ScenarioSweep sweep, int index, int axis)
    {
        var stride = sweep.Axes.Skip(axis + 1).Aggregate(1, (product, a) => product * a.Values.Count);
        return index / stride % sweep.Axes[axis].Values.Count;
    }

    private static string SafeName(string path) =>
        string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
