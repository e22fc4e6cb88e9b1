using Sasg.Experiments.Driver;
using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Uploads per iteration, one step line per method: how often the skipping rules (LAG, LASG, SASG)
/// let workers stay silent. Long runs show the mean of consecutive blocks of iterations, so that about
/// <see cref="Steps"/> steps remain and the lines stay readable; the title gives the block length.</summary>
internal static class UploadsPlot
{
    /// <summary>About how many steps a line has at most.</summary>
    public const int Steps = 100;

    /// <summary>The number of "upload" decisions of each iteration 0..last, per method in order of first appearance.</summary>
    public static IReadOnlyList<(string Label, int[] Uploads)> Count(IEnumerable<DecisionRow> decisions)
    {
        var result = new List<(string, int[])>();
        foreach (var method in decisions.GroupBy(d => d.Algorithm, StringComparer.Ordinal))
        {
            var counts = new int[method.Max(d => d.Iteration) + 1];
            foreach (var decision in method.Where(d => d.Decision == "upload"))
            {
                counts[decision.Iteration]++;
            }

            result.Add((method.Key, counts));
        }

        return result;
    }

    /// <summary>How many iterations one step of the plot averages for runs of up to <paramref name="iterations"/>.</summary>
    public static int BlockLength(int iterations) => Math.Max(1, (int)Math.Round(iterations / (double)Steps));

    /// <summary>The means of <paramref name="uploads"/> over consecutive blocks of <paramref name="block"/> iterations
    /// (the last block may be shorter).</summary>
    public static double[] BlockMeans(int[] uploads, int block) =>
        [.. uploads.Chunk(block).Select(c => c.Average())];

    /// <summary>The plot of <paramref name="counts"/> (from <see cref="Count"/>); <paramref name="workers"/> is the
    /// number of workers, the most uploads an iteration can have.</summary>
    public static Plot Create(string name, IReadOnlyList<(string Label, int[] Uploads)> counts, int workers)
    {
        var block = BlockLength(counts.Max(c => c.Uploads.Length));
        var plot = PlotLook.Create(
            block == 1 ? $"{name}: uploads per iteration" : $"{name}: uploads per iteration, mean of every {block} iterations",
            "iteration k",
            "uploads per iteration");
        foreach (var ((label, uploads), index) in counts.Select((c, i) => (c, i)))
        {
            var means = BlockMeans(uploads, block);

            // Each step spans its block; the last value is repeated at the end so that its step has a width too.
            var line = plot.Add.ScatterLine(
                Enumerable.Range(0, means.Length).Select(b => (double)b * block).Append(uploads.Length).ToArray(),
                means.Append(means[^1]).ToArray());
            line.LegendText = label;
            line.LineWidth = PlotLook.StackedWidth(index, counts.Count);
            line.MarkerSize = 0;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        // From none to every worker, whole numbers only; the legend sits outside, since lines can run anywhere.
        plot.Axes.SetLimitsY(-0.5, workers + 0.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
