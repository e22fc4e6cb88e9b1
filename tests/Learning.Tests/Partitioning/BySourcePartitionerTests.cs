using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class BySourcePartitionerTests
{
    [Test]
    public void Split_OfTwoSources_GivesEvenWorkersTheFirstAndOddWorkersTheSecond()
    {
        var fashion = TinyData.Balanced("fashion", 30);
        var digits = TinyData.Balanced("digits", 20);

        var partition = new BySourcePartitioner().Split([fashion, digits], 5, seed: 4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers.Select(w => partition.SourceOf(w.Worker).Name),
                Is.EqualTo(new[] { "fashion", "digits", "fashion", "digits", "fashion" }));
            Assert.That(partition.Workers.Select(w => w.Count), Is.EqualTo(new[] { 10, 10, 10, 10, 10 }));
            Assert.That(TinyData.Assignments(partition), Has.Count.EqualTo(50));
        }
    }

    [Test]
    public void Split_UsesTheInnerPartitionerWithinEachSource()
    {
        var a = TinyData.Balanced("a", 40, classCount: 2);
        var b = TinyData.Balanced("b", 40, classCount: 2);

        var partition = new BySourcePartitioner(new SortedByLabelPartitioner()).Split([a, b], 4, seed: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(partition.Workers[0].Indices.Select(i => a.Labels![i]), Has.All.EqualTo(0));
            Assert.That(partition.Workers[2].Indices.Select(i => a.Labels![i]), Has.All.EqualTo(1));
            Assert.That(partition.DatasetFor(3).Name, Is.EqualTo("b/worker-3"));
        }
    }

    [Test]
    public void Split_WhenFewerWorkersThanSources_NamesWorkerCount()
    {
        var sources = new[] { TinyData.Balanced("a", 5), TinyData.Balanced("b", 5), TinyData.Balanced("c", 5) };

        Assert.That(
            () => new BySourcePartitioner().Split(sources, 2, seed: 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("workerCount"));
    }
}
