using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class DirichletPartitionerTests
{
    // The mean, over workers, of the largest share one class has in a worker's data: 0.1 is iid for 10 classes.
    private static double MeanLargestClassShare(Partition partition)
    {
        var report = PartitionReport.Of(partition);
        return report.Rows.Average(row => row.LabelCounts!.Max() / (double)row.Samples);
    }

    [Test]
    public void Split_WithSmallAlpha_GivesSkewedShards_AndWithLargeAlphaNearlyIidOnes()
    {
        var data = TinyData.Balanced("d", 10_000);

        var skewed = new DirichletPartitioner(0.05).Split(data, 10, seed: 7);
        var even = new DirichletPartitioner(1000).Split(data, 10, seed: 7);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(MeanLargestClassShare(skewed), Is.GreaterThan(0.5));
            Assert.That(MeanLargestClassShare(even), Is.LessThan(0.13));
        }
    }

    [Test]
    public void Split_WithTinyAlpha_StillGivesEveryWorkerASample()
    {
        var data = TinyData.Balanced("d", 50, classCount: 2);

        var partition = new DirichletPartitioner(1e-6).Split(data, 20, seed: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers.Select(w => w.Count), Has.All.GreaterThan(0));
            Assert.That(TinyData.Assignments(partition), Has.Count.EqualTo(50));
        }
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Constructor_WhenAlphaIsNotPositive_NamesAlpha(double alpha)
    {
        Assert.That(
            () => new DirichletPartitioner(alpha),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("alpha"));
    }

    [Test]
    public void Name_ShowsAlphaInTheInvariantCulture()
    {
        Assert.That(new DirichletPartitioner(0.5).Name, Is.EqualTo("dirichlet(0.5)"));
    }
}
