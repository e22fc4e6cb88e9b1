using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Randomness;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

[NonParallelizable]
public sealed class CropFlipAugmentationTests
{
    // The 2 x 2 image [[1, 2], [3, 4]] padded by 1 pixel of 0 is the 4 x 4 image
    // [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]; each case crops 2 x 2 from it at (top, left), then maybe mirrors.
    [TestCase(1, 1, false, new[] { 1.0, 2, 3, 4 })]
    [TestCase(0, 0, false, new[] { 0.0, 0, 0, 1 })]
    [TestCase(0, 0, true, new[] { 0.0, 0, 1, 0 })]
    [TestCase(2, 1, false, new[] { 3.0, 4, 0, 0 })]
    [TestCase(1, 2, true, new[] { 0.0, 2, 0, 4 })]
    [TestCase(1, 1, true, new[] { 2.0, 1, 4, 3 })]
    public void Transform_CropsThePaddedImageAtTheOffset_AndMirrorsIt(int top, int left, bool flip, double[] expected)
    {
        double[] image = [1, 2, 3, 4];
        var result = new double[4];

        CropFlipAugmentation.Transform<double>(image, result, 2, 2, 1, new CropFlip(top, left, flip), [0.0]);

        Assert.That(result, Is.EqualTo(expected));
    }

    [Test]
    public void Transform_PadsEachChannelWithItsFill()
    {
        double[] image = [1, 2, 3, 4, 5, 6, 7, 8];
        var result = new double[8];

        CropFlipAugmentation.Transform<double>(image, result, 2, 2, 1, new CropFlip(0, 2, false), [-1.0, -2.0]);

        Assert.That(result, Is.EqualTo(new[] { -1.0, -1, 2, -1, -2, -2, 6, -2 }));
    }

    [Test]
    public void Next_DrawsTopLeftAndFlip_FromTheStreamOfSeedWorkerAndEpoch()
    {
        var augmentation = new CropFlipAugmentation(seed: 7, worker: 2);
        var stream = SeededRandom.Create(7, "augment/2/3");

        var draws = Enumerable.Range(0, 20).Select(_ => augmentation.Next(3)).ToList();

        var expected = Enumerable.Range(0, 20).Select(_ => new CropFlip(stream.NextInt(9), stream.NextInt(9), stream.NextInt(2) == 1)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(draws, Is.EqualTo(expected));
            Assert.That(draws.Select(d => d.Top).Distinct().Count(), Is.GreaterThan(3), "offsets vary");
            Assert.That(draws.Select(d => d.Flip).Distinct().Count(), Is.EqualTo(2), "both flips occur");
        }
    }

    [Test]
    public void Next_DiffersPerWorkerAndPerEpoch_AndAnEpochDependsOnlyOnItsOwnStream()
    {
        static List<CropFlip> Draw(int worker, int epoch, int warmEpoch = -1)
        {
            var augmentation = new CropFlipAugmentation(seed: 11, worker: worker);
            if (warmEpoch >= 0)
            {
                augmentation.Next(warmEpoch);
            }

            return Enumerable.Range(0, 16).Select(_ => augmentation.Next(epoch)).ToList();
        }

        var first = Draw(0, 0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Draw(0, 0), Is.EqualTo(first));
            Assert.That(Draw(0, 0), Is.Not.EqualTo(Draw(1, 0)), "other worker");
            Assert.That(Draw(0, 0), Is.Not.EqualTo(Draw(0, 1)), "other epoch");
            Assert.That(Draw(0, 1, warmEpoch: 0), Is.EqualTo(Draw(0, 1)), "epoch 1 restarts from its own stream");
        }
    }

    [TestCase(3, ScalarType.Float32)]
    [TestCase(1, ScalarType.Float64)]
    public void Apply_TransformsEveryImageAsItsDrawSays(int channels, ScalarType dtype)
    {
        const int N = 5;
        var values = Enumerable.Range(1, N * channels * 64).Select(v => (double)v).ToArray();
        using var scope = NewDisposeScope();
        var batch = tensor(values, dtype: ScalarType.Float64).reshape(N, channels, 8, 8).to_type(dtype);
        var original = batch.clone();
        double[] fill = [.. Enumerable.Range(0, channels).Select(c => -0.5 - c)];

        new CropFlipAugmentation(seed: 5, worker: 1, fill).Apply(batch, epoch: 2);

        var draws = new CropFlipAugmentation(seed: 5, worker: 1).Next;
        for (var i = 0; i < N; i++)
        {
            var expected = Reference(original[i], draws(2), fill, 4);
            Assert.That(batch[i].to_type(ScalarType.Float64).data<double>().ToArray(), Is.EqualTo(expected), $"image {i}");
        }
    }

    [Test]
    public void Apply_RejectsABatchThatIsNotImagesWithChannels()
    {
        using var scope = NewDisposeScope();
        var flat = zeros(4, 64);

        Assert.That(
            () => new CropFlipAugmentation(1, 0).Apply(flat, 0),
            Throws.ArgumentException.With.Message.Contains("[n, C, H, W]"));
    }

    [Test]
    public void Sampler_AugmentsEachDrawnBatch_AndLeavesTheWorkersDataAlone()
    {
        var dataset = Images(12, channels: 3);
        using var data = new TensorData(dataset, ScalarType.Float32, TargetKind.ClassLabels);
        using var before = data.Features.clone();
        using var plain = new MinibatchSampler(data, batchSize: 5, seed: 4);
        using var augmented = new MinibatchSampler(data, batchSize: 5, seed: 4, new CropFlipAugmentation(seed: 9, worker: 3));
        var reference = new CropFlipAugmentation(seed: 9, worker: 3);
        using var scope = NewDisposeScope();

        // 12 samples in batches of 5: draws 0-2 are epoch 0, draws 3-5 epoch 1.
        for (var draw = 0; draw < 6; draw++)
        {
            var epochBefore = plain.Epoch;
            var expected = plain.Next();
            var actual = augmented.Next();
            reference.Apply(expected.Features, plain.Epoch);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(actual.Features.data<float>().ToArray(), Is.EqualTo(expected.Features.data<float>().ToArray()), $"draw {draw}");
                Assert.That(actual.Targets.data<long>().ToArray(), Is.EqualTo(expected.Targets.data<long>().ToArray()));
                Assert.That(plain.Epoch, Is.EqualTo(draw < 3 ? 0 : 1), $"draw {draw} (epoch before {epochBefore})");
            }
        }

        Assert.That(data.Features.data<float>().ToArray(), Is.EqualTo(before.data<float>().ToArray()), "the worker's data (and so evaluation) is never augmented");
    }

    [Test]
    public void Sampler_WithoutAugmentation_GivesTheStoredSamples()
    {
        var dataset = Images(6, channels: 1);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.ClassLabels);
        using var sampler = new MinibatchSampler(data, batchSize: 6, seed: 2);
        using var scope = NewDisposeScope();

        var batch = sampler.Next();

        var rows = batch.Features.reshape(6, 64).data<double>().ToArray().Chunk(64).Select(r => r[0]).Order();
        Assert.That(rows, Is.EqualTo(Enumerable.Range(0, 6).Select(i => i * 64.0)), "each sample's first pixel, unmoved");
    }

    // An independent reference: pad with torch's constant pad per channel, narrow to the crop, flip the last axis.
    private static double[] Reference(Tensor image, CropFlip crop, double[] fill, int padding)
    {
        using var scope = NewDisposeScope();
        var (channels, height, width) = (image.shape[0], image.shape[1], image.shape[2]);
        var padded = new double[channels * (height + (2 * padding)) * (width + (2 * padding))];
        var source = image.to_type(ScalarType.Float64).data<double>().ToArray();
        var paddedWidth = width + (2 * padding);
        var paddedHeight = height + (2 * padding);
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < paddedHeight; y++)
            {
                for (var x = 0; x < paddedWidth; x++)
                {
                    var inside = y >= padding && y < height + padding && x >= padding && x < width + padding;
                    padded[(c * paddedHeight * paddedWidth) + (y * paddedWidth) + x] = inside
                        ? source[(c * height * width) + ((y - padding) * width) + (x - padding)]
                        : fill[c];
                }
            }
        }

        var cropped = tensor(padded).reshape(channels, paddedHeight, paddedWidth).narrow(1, crop.Top, height).narrow(2, crop.Left, width);
        return (crop.Flip ? cropped.flip(2) : cropped).contiguous().data<double>().ToArray();
    }

    // Images [channels, 8, 8] whose pixels are numbered 0, 1, ... across the set, labels i % 3.
    private static Dataset Images(int count, int channels)
    {
        var features = Enumerable.Range(0, count * channels * 64).Select(v => (double)v).ToArray();
        return new Dataset("images", count, [channels, 8, 8], features, [.. Enumerable.Range(0, count).Select(i => i % 3)], 3, null);
    }
}
