using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class LabelSkewPartitionerTests
{
    [TestCase(10, 2)]
    [TestCase(5, 2)]
    [TestCase(4, 3)]
    [TestCase(20, 1)]
    public void Split_GivesEveryWorkerExactlyItsNumberOfClasses(int workers, int classesPerWorker)
    {
        var data = TinyData.Balanced("d", 1000);

        var partition = new LabelSkewPartitioner(classesPerWorker).Split(data, workers, seed: 5);

        using (Assert.EnterMultipleScope())
        {
            foreach (var shard in partition.Workers)
            {
                Assert.That(shard.Indices.Select(i => data.Labels![i]).Distinct().Count(), Is.EqualTo(classesPerWorker));
            }

            Assert.That(TinyData.Assignments(partition), Has.Count.EqualTo(1000));
        }
    }

    [Test]
    public void Split_WhenWorkersTimesClassesCannotCoverEveryClass_NamesWorkerCount()
    {
        var data = TinyData.Balanced("d", 100);

        var error = Assert.Throws<ArgumentException>(() => new LabelSkewPartitioner(2).Split(data, 4, seed: 0))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ParamName, Is.EqualTo("workerCount"));
            Assert.That(error.Message, Does.Contain("classesPerWorker (2) x workerCount (4) is below the 10 classes"));
        }
    }

    [Test]
    public void Split_WhenMoreClassesPerWorkerThanClasses_Throws()
    {
        var data = TinyData.Balanced("d", 100, classCount: 3);

        Assert.That(
            () => new LabelSkewPartitioner(4).Split(data, 2, seed: 0),
            Throws.ArgumentException.With.Message.Contains("classesPerWorker is 4, but 'd' has 3 classes"));
    }

    [Test]
    public void Split_OfASetWithoutLabels_SaysHowToGetLabels()
    {
        var data = TinyData.Regression("r", 10);

        Assert.That(
            () => new LabelSkewPartitioner(1).Split(data, 2, seed: 0),
            Throws.ArgumentException.With.Message.Contains("LabelKind.Binary"));
    }

    [Test]
    public void Constructor_WhenClassesPerWorkerIsBelowOne_Throws()
    {
        Assert.That(() => new LabelSkewPartitioner(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
