using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Saves a plot as &lt;stem&gt;.png and &lt;stem&gt;.svg, each written atomically (<see cref="AtomicFile"/>).</summary>
internal static class PlotFile
{
    /// <summary>The image width in pixels.</summary>
    public const int Width = 800;

    /// <summary>The image height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Writes both files into <paramref name="directory"/> and appends their paths to
    /// <paramref name="written"/>.</summary>
    public static void Save(Plot plot, string directory, string stem, List<string> written)
    {
        var png = Path.Combine(directory, stem + ".png");
        var bytes = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(png, stream => stream.Write(bytes));
        written.Add(png);

        var svg = Path.Combine(directory, stem + ".svg");
        AtomicFile.WriteAllText(svg, plot.GetSvgXml(Width, Height));
        written.Add(svg);
    }
}
