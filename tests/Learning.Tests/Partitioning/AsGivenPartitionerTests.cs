using Sasg.Learning.Data;
using Sasg.Learning.Partitioning;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class AsGivenPartitionerTests
{
    [Test]
    public void Consecutive_ForLagRealData_SplitsEachOfThreeSetsContiguouslyOverThreeWorkers_DroppingTheRemainder()
    {
        var root = RepositoryPaths.LagUci;
        var sets = new[] { "housing", "bodyfat", "abalone" }
            .Select(name => LagTextReader.ReadFolder(Path.Combine(root, name)))
            .ToArray();

        var partition = AsGivenPartitioner.Consecutive(["housing", "bodyfat", "abalone"], 3, RemainderPolicy.Drop)
            .Split(sets, 9, seed: 0);

        using (Assert.EnterMultipleScope())
        {
            // floor(506/3) = 168, floor(252/3) = 84, floor(417/3) = 139, as the LAG code's num_split pieces.
            Assert.That(partition.Workers.Select(w => w.Count), Is.EqualTo(new[] { 168, 168, 168, 84, 84, 84, 139, 139, 139 }));
            Assert.That(partition.Workers[1].Indices, Is.EqualTo(Enumerable.Range(168, 168)));
            Assert.That(partition.SourceOf(8).Name, Is.EqualTo("abalone"));
        }
    }

    [Test]
    public void Split_FollowsTheNamedWorkersAndSpreadsTheRemainderByDefault()
    {
        var a = TinyData.Regression("a", 7);
        var b = TinyData.Regression("b", 2);
        var partitioner = new AsGivenPartitioner([new SourceAssignment("b", [2]), new SourceAssignment("a", [1, 0])]);

        var partition = partitioner.Split([a, b], 3, seed: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers[1].Indices, Is.EqualTo(new[] { 0, 1, 2, 3 }));
            Assert.That(partition.Workers[0].Indices, Is.EqualTo(new[] { 4, 5, 6 }));
            Assert.That(partition.SourceOf(2).Name, Is.EqualTo("b"));
        }
    }

    [Test]
    public void Split_WhenANamedSourceIsMissing_ListsTheSourcesGiven()
    {
        var partitioner = AsGivenPartitioner.Consecutive(["housing"], 1);

        Assert.That(
            () => partitioner.Split([TinyData.Regression("bodyfat", 3)], 1, seed: 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("sources")
                .And.Message.Contains("No source is named 'housing'; given: bodyfat"));
    }

    [Test]
    public void Split_WhenAWorkerHasNoSource_NamesIt()
    {
        var partitioner = AsGivenPartitioner.Consecutive(["a"], 2);

        Assert.That(
            () => partitioner.Split([TinyData.Regression("a", 4)], 3, seed: 0),
            Throws.ArgumentException.With.Message.Contains("Worker 2 of 3 is assigned no source"));
    }

    [Test]
    public void Split_WhenAWorkerIsAssignedTwice_NamesIt()
    {
        var partitioner = new AsGivenPartitioner([new SourceAssignment("a", [0, 1]), new SourceAssignment("b", [1])]);

        Assert.That(
            () => partitioner.Split([TinyData.Regression("a", 4), TinyData.Regression("b", 4)], 2, seed: 0),
            Throws.ArgumentException.With.Message.Contains("Worker 1 is assigned more than one source"));
    }

    [Test]
    public void Split_WhenASourceIsNotAssigned_NamesIt()
    {
        var partitioner = AsGivenPartitioner.Consecutive(["a"], 1);

        Assert.That(
            () => partitioner.Split([TinyData.Regression("a", 4), TinyData.Regression("b", 4)], 1, seed: 0),
            Throws.ArgumentException.With.Message.Contains("Source 'b' is given but assigned no workers"));
    }

    [Test]
    public void Split_WhenASourceHasFewerRowsThanItsWorkers_NamesWorkerCount()
    {
        var partitioner = AsGivenPartitioner.Consecutive(["a"], 3);

        Assert.That(
            () => partitioner.Split([TinyData.Regression("a", 2)], 3, seed: 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("workerCount"));
    }
}
