namespace Sasg.Experiments.Results.Plots;

/// <summary>What <see cref="PlotWriter.WriteAll"/> did: the files it wrote and the plots it left out, with why.</summary>
/// <param name="Directory">The plots folder (&lt;results&gt;/plots).</param>
/// <param name="Written">Full paths of the files written (PNG and SVG), in the order they were written.</param>
/// <param name="Skipped">The plots not drawn and the reason for each.</param>
public sealed record PlotReport(string Directory, IReadOnlyList<string> Written, IReadOnlyList<SkippedPlot> Skipped);
