using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class IidPartitionerTests
{
    [Test]
    public void Split_WithSpread_GivesTheFirstNModMWorkersOneSampleMore()
    {
        var data = TinyData.Balanced("d", 23);

        var partition = new IidPartitioner().Split(data, 5, seed: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers.Select(w => w.Count), Is.EqualTo(new[] { 5, 5, 5, 4, 4 }));
            Assert.That(TinyData.Assignments(partition).Keys.Select(k => k.Index).Order(), Is.EqualTo(Enumerable.Range(0, 23)));
        }
    }

    [Test]
    public void Split_WithDrop_GivesEveryWorkerFloorOfNOverMAndDropsTheRest()
    {
        var data = TinyData.Balanced("d", 23);

        var partition = new IidPartitioner(RemainderPolicy.Drop).Split(data, 5, seed: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers.Select(w => w.Count), Has.All.EqualTo(4));
            Assert.That(TinyData.Assignments(partition).Values, Has.All.EqualTo(1));
        }
    }

    [Test]
    public void Split_ShufflesBeforeCutting()
    {
        var data = TinyData.Balanced("d", 1000);

        var partition = new IidPartitioner().Split(data, 4, seed: 3);

        Assert.That(partition.Workers[0].Indices, Is.Not.EqualTo(Enumerable.Range(0, 250)));
    }

    [Test]
    public void Split_WhenThereAreMoreWorkersThanSamples_NamesWorkerCount()
    {
        var data = TinyData.Balanced("tiny", 3);

        var error = Assert.Throws<ArgumentException>(() => new IidPartitioner().Split(data, 4, seed: 0))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ParamName, Is.EqualTo("workerCount"));
            Assert.That(error.Message, Does.Contain("workerCount is 4, more than the 3 samples of 'tiny'"));
        }
    }

    [Test]
    public void Split_WhenGivenTwoSources_PointsToTheMixingPartitioners()
    {
        var sources = new[] { TinyData.Balanced("a", 10), TinyData.Balanced("b", 10) };

        Assert.That(
            () => new IidPartitioner().Split(sources, 2, seed: 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("sources").And.Message.Contains("by-source"));
    }

    [Test]
    public void Split_WhenWorkerCountIsZero_Throws()
    {
        Assert.That(
            () => new IidPartitioner().Split(TinyData.Balanced("d", 5), 0, seed: 0),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("workerCount"));
    }
}
