using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class SortedByLabelPartitionerTests
{
    [Test]
    public void Split_OfABalancedSetOverAsManyWorkersAsClasses_GivesEachWorkerOneClass()
    {
        var data = TinyData.Balanced("d", 100);

        var partition = new SortedByLabelPartitioner().Split(data, 10, seed: 0);

        using (Assert.EnterMultipleScope())
        {
            for (var w = 0; w < 10; w++)
            {
                Assert.That(partition.Workers[w].Indices.Select(i => data.Labels![i]), Has.All.EqualTo(w));
            }
        }
    }

    [Test]
    public void Split_KeepsIndexOrderWithinALabel_AndIgnoresTheSeed()
    {
        var data = TinyData.Labelled("d", 6, 2, i => i < 3 ? 1 : 0);

        var first = new SortedByLabelPartitioner().Split(data, 2, seed: 1);
        var second = new SortedByLabelPartitioner().Split(data, 2, seed: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Workers[0].Indices, Is.EqualTo(new[] { 3, 4, 5 }));
            Assert.That(first.Workers[1].Indices, Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(second.Workers[0].Indices, Is.EqualTo(first.Workers[0].Indices));
        }
    }

    [Test]
    public void Split_OfARegressionSet_SortsByTarget()
    {
        var data = TinyData.Regression("r", 4, i => -i);

        var partition = new SortedByLabelPartitioner().Split(data, 2, seed: 0);

        Assert.That(partition.Workers[0].Indices, Is.EqualTo(new[] { 3, 2 }));
    }
}
