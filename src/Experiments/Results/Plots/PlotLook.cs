using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>The common look of every plot: title, axis labels, font sizes readable at 800x500, a colour-blind-safe
/// palette.</summary>
internal static class PlotLook
{
    // ScottPlot's own choice (Fonts.Default, and even Fonts.Sans) is a serif face on a Linux box without Segoe UI or
    // Open Sans; the figures read better in a sans family when one is installed.
    private static readonly string? SansFamily =
        new[] { "Segoe UI", "Open Sans", "Helvetica", "Arial", "DejaVu Sans", "Liberation Sans", "Noto Sans" }
            .FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false)?.FamilyName == f);

    /// <summary>A new plot with <paramref name="title"/> and the two axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 16);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        if (SansFamily is { } family)
        {
            // Per label rather than Font.Set, which would also drop the title's and axis labels' bold weight.
            foreach (var label in new[]
            {
                plot.Axes.Title.Label, plot.Axes.Bottom.Label, plot.Axes.Left.Label,
                plot.Axes.Bottom.TickLabelStyle, plot.Axes.Left.TickLabelStyle,
            })
            {
                label.FontName = family;
            }

            plot.Legend.FontName = family;
        }

        plot.Add.Palette = new ScottPlot.Palettes.Category10();
        return plot;
    }

    // Dash patterns would separate overlapping lines, but Skia's SVG backend cannot draw them (it prints
    // "Unsupported path effect" and draws solid lines); shapes and widths work in both formats.
    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    /// <summary>The marker shape of the <paramref name="index"/>-th line.</summary>
    public static MarkerShape Shape(int index) => Shapes[index % Shapes.Length];

    /// <summary>The width of the <paramref name="index"/>-th of <paramref name="count"/> lines that may lie exactly on
    /// top of each other: earlier (lower) lines are wider, so that every colour stays visible.</summary>
    public static float StackedWidth(int index, int count) => 1.5f + (1.25f * Math.Min(count - 1 - index, 4));

    /// <summary>The line series' marker size: markers on sparse curves (few evaluation points), none on dense ones.</summary>
    public static float MarkerSize(int points) => points <= 40 ? 5 : 0;
}
