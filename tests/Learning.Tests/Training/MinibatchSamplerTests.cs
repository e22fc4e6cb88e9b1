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

    [TestCase(ScalarType.Float32, false)]
    [TestCase(ScalarType.Float64, false)]
    [TestCase(ScalarType.Float32, true)]
    [TestCase(ScalarType.Float64, true)]
    public void NextReused_DrawsTheBatchesOfNext_BitForBit(ScalarType dtype, bool augmented)
    {
        // 23 images of [3, 4, 4] in batches of 5 (the fifth of each epoch has 3), over three epochs, with and without
        // crop-and-flip; the values include -0, subnormals, infinities and NaN.
        using var data = new TensorData(Images(23), dtype, TargetKind.ClassLabels);
        using var drawing = new MinibatchSampler(data, 5, seed: 9, augmented ? new CropFlipAugmentation(9, 1, padding: 1) : null);
        using var reusing = new MinibatchSampler(data, 5, seed: 9, augmented ? new CropFlipAugmentation(9, 1, padding: 1) : null);

        for (var draw = 0; draw < 15; draw++)
        {
            using var scope = NewDisposeScope();
            var expected = drawing.Next();
            var actual = reusing.NextReused();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Bytes(actual.Features), Is.EqualTo(Bytes(expected.Features)), $"features of draw {draw}");
                Assert.That(actual.Features.shape, Is.EqualTo(expected.Features.shape), $"shape of draw {draw}");
                Assert.That(actual.Features.dtype, Is.EqualTo(dtype));
                Assert.That(actual.Targets.data<long>().ToArray(), Is.EqualTo(expected.Targets.data<long>().ToArray()), $"labels of draw {draw}");
                Assert.That(reusing.Epoch, Is.EqualTo(drawing.Epoch));
            }
        }
    }

    [Test]
    public void NextReused_WithRealTargets_DrawsTheBatchesOfNext()
    {
        var count = 12;
        var dataset = new Dataset("real", count, [2], Enumerable.Range(0, 2 * count).Select(i => i * 0.5).ToArray(), null, 0,
            Enumerable.Range(0, count).Select(i => -1.0 * i).ToArray());
        using var data = new TensorData(dataset, ScalarType.Float32, TargetKind.RealTargets);
        using var drawing = new MinibatchSampler(data, 5, seed: 2);
        using var reusing = new MinibatchSampler(data, 5, seed: 2);

        for (var draw = 0; draw < 7; draw++)
        {
            using var scope = NewDisposeScope();
            var expected = drawing.Next();
            var actual = reusing.NextReused();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Bytes(actual.Features), Is.EqualTo(Bytes(expected.Features)));
                Assert.That(Bytes(actual.Targets), Is.EqualTo(Bytes(expected.Targets)));
            }
        }
    }

    [Test]
    public void NextReused_OnAShardOfImageCodes_DrawsTheBatchesOfNextOnTheSameShardOfDoubles()
    {
        // The Fashion-MNIST path: a worker's shard is a view of a dataset of byte codes; 5 samples in batches of 2.
        var (codes, doubles) = TensorDataTests.Images();
        using var fromCodes = new TensorData(codes.Subset([9, 2, 7, 4, 0]), ScalarType.Float32, TargetKind.ClassLabels);
        using var fromDoubles = new TensorData(doubles.Subset([9, 2, 7, 4, 0]), ScalarType.Float32, TargetKind.ClassLabels);
        using var reusing = new MinibatchSampler(fromCodes, 2, seed: 4);
        using var drawing = new MinibatchSampler(fromDoubles, 2, seed: 4);

        for (var draw = 0; draw < 8; draw++)
        {
            using var scope = NewDisposeScope();
            var expected = drawing.Next();
            var actual = reusing.NextReused();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Bytes(actual.Features), Is.EqualTo(Bytes(expected.Features)), $"features of draw {draw}");
                Assert.That(Bytes(actual.Targets), Is.EqualTo(Bytes(expected.Targets)), $"labels of draw {draw}");
            }
        }

        Assert.That(fromCodes.HasFeatures, Is.False, "the shard's features tensor was never made");
    }

    [Test]
    public void NextReused_ReusesItsTensors_UntilReleaseBatchFreesThem()
    {
        using var data = new TensorData(Numbered(20), ScalarType.Float32, TargetKind.ClassLabels);
        using var sampler = new MinibatchSampler(data, 5, seed: 1);

        var first = sampler.NextReused();
        var second = sampler.NextReused();
        sampler.ReleaseBatch();
        var third = sampler.NextReused();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Features, Is.SameAs(first.Features));
            Assert.That(second.Targets, Is.SameAs(first.Targets));
            Assert.That(first.Features.IsInvalid, Is.True, "released");
            Assert.That(third.Features, Is.Not.SameAs(first.Features));
            Assert.That(third.Features.IsInvalid, Is.False);
        }
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

    // Images whose values cover float edge cases (the double values are rounded to float32 for a float32 tensor).
    private static Dataset Images(int count)
    {
        double[] specials = [-0.0, 1e-310, double.Epsilon, 1.5e-45, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        var features = Enumerable.Range(0, count * 48).Select(i => i % 11 == 0 ? specials[i / 11 % specials.Length] : (i * 0.37) - 100).ToArray();
        return new Dataset("images", count, [3, 4, 4], features, Enumerable.Range(0, count).Select(i => i % 10).ToArray(), 10, null);
    }

    private static byte[] Bytes(Tensor tensor) => tensor.contiguous().bytes.ToArray();
}
