using Sasg.Experiments.Driver;
using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class UploadsPlotTests
{
    [Test]
    public void Count_CountsUploadsPerIteration_WithZeroForIterationsWithoutOne()
    {
        DecisionRow[] decisions =
        [
            new("LAG-WK", 0, 0, "upload", 400, 20000, false),
            new("LAG-WK", 0, 1, "upload", 400, 20000, false),
            new("LAG-WK", 1, 0, "skip", 0, 20000, false),
            new("LAG-WK", 1, 1, "skip", 0, 20000, false),
            new("LAG-WK", 2, 0, "skip", 0, 20000, false),
            new("LAG-WK", 2, 1, "upload", 400, 20000, false),
            new("LAG-PS", 0, 0, "upload", 400, 20000, true),
            new("LAG-PS", 0, 1, "not-requested", 0, 0, false),
        ];

        var counts = UploadsPlot.Count(decisions);

        Assert.That(counts, Is.EqualTo(new[] { ("LAG-WK", new[] { 2, 0, 1 }), ("LAG-PS", new[] { 1 }) }));
    }

    [TestCase(10, 1)]
    [TestCase(149, 1)]
    [TestCase(240, 2)]
    [TestCase(5000, 50)]
    public void BlockLength_KeepsAboutAHundredSteps(int iterations, int expected)
    {
        Assert.That(UploadsPlot.BlockLength(iterations), Is.EqualTo(expected));
    }

    [Test]
    public void BlockMeans_AverageConsecutiveBlocks_TheLastOneShorter()
    {
        var means = UploadsPlot.BlockMeans([9, 9, 3, 1, 0, 2, 4], 3);

        Assert.That(means, Is.EqualTo(new[] { 7.0, 1.0, 4.0 }));
    }
}
