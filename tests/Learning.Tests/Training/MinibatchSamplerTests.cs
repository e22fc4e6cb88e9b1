using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

[NonParallelizable]
public sealed class MinibatchSamplerTests
{
    [Test]
    public void OneEpoch_VisitsEverySampleOnce_WithASmallerLastBatch()
    {
        using var data = new TensorData(Numbered(25), ScalarType.Float64, TargetKind.ClassLabels);
        using var sampler = new MinibatchSampler(data, batchSize: 10, seed: 3);
        using var scope = NewDisposeScope();

        var batches = Enumerable.Range(0, 3).Select(_ => sampler.Next()).ToList();

        var seen = batches.SelectMany(b => b.Features.flatten().data<double>().ToArray()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(batches.Select(b => b.Count), Is.EqualTo(new[] { 10L, 10L, 5L }));
            Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 25).Select(i => (double)i)));
            Assert.That(sampler.Epoch, Is.Zero);
        }

        sampler.Next();
        Assert.That(sampler.Epoch, Is.EqualTo(1));
    }

    [Test]
    public void SameSeed_GivesSameBatches_OtherSeedOtherBatches()
    {
        using var data = new TensorData(Numbered(100), ScalarType.Float64, TargetKind.ClassLabels);

        var a = Draw(data, 5);
        var b = Draw(data, 5);
        var c = Draw(data, 6);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Is.Not.EqualTo(c));
        }
    }

    [Test]
    public void Constructor_RejectsNonPositiveBatchSize()
    {
        using var data = new TensorData(Numbered(4), ScalarType.Float64, TargetKind.ClassLabels);

        Assert.That(
            () => new MinibatchSampler(data, 0, 1),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("batchSize"));
    }

    private static double[] Draw(TensorData data, long seed)
    {
        using var sampler = new MinibatchSampler(data, 10, seed);
        using var scope = NewDisposeScope();
        return Enumerable.Range(0, 5).SelectMany(_ => sampler.Next().Features.flatten().data<double>().ToArray()).ToArray();
    }

    private static Dataset Numbered(int count) =>
        new("numbered", count, [1], Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, count).Select(i => i % 2).ToArray(), 2, null);
}
