using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class CompressedSgdTests
{
    private const double StepSize = 0.05;

    [Test]
    public void RandomKWithFullFraction_EqualsSgd()
    {
        var sgd = Run(h => new GradientDescentAlgorithm<float>("SGD", 3, h.Initial, StepSize), new DenseFloat32Encoding());
        var randomK = Run(h => new RandomKAlgorithm<float>(3, h.Initial, StepSize, h.Blocks, fraction: 1.0, seed: 4), new SparseCooEncoding());

        Assert.That(randomK, Is.EqualTo(sgd).Within(1e-5));
    }

    [Test]
    public void RandomK_KeepsKPerTensor_AscendingAndDistinct_AndTheSameSeedDrawsTheSameEntries()
    {
        using var harness = new StochasticHarness();
        var first = new RandomKAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.2, seed: 7);
        var second = new RandomKAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.2, seed: 7);
        var source = new ScriptedGradientSource<float>(first.Dimension, seed: 1);
        var a = new Payload<float>(first.Dimension);
        var b = new Payload<float>(first.Dimension);

        first.WorkerStep(1, source, a);
        second.WorkerStep(1, source, b);

        var indices = a.Indices.AsSpan(0, a.Count).ToArray();
        var expected = harness.Blocks.Sum(block => Math.Max(1, (int)Math.Floor(0.2 * block.Length)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Count, Is.EqualTo(expected));
            Assert.That(indices, Is.Ordered.Ascending.And.Unique);
            Assert.That(b.Indices.AsSpan(0, b.Count).ToArray(), Is.EqualTo(indices));
            foreach (var block in harness.Blocks)
            {
                Assert.That(
                    indices.Count(i => i >= block.Offset && i < block.Offset + block.Length),
                    Is.EqualTo(Math.Max(1, (int)Math.Floor(0.2 * block.Length))),
                    block.Name);
            }
        }
    }

    [Test]
    public void RandomK_ErrorFeedback_SentPlusResidualEqualsEverythingOffered()
    {
        using var harness = new StochasticHarness();
        var algorithm = new RandomKAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1, seed: 2);

        var (offered, sent) = Offer(algorithm, 25);

        var conserved = sent.Zip(algorithm.Memory(0).ToArray(), (s, e) => s + e);
        Assert.That(conserved, Is.EqualTo(offered).Within(1e-5));
    }

    [Test]
    public void SignSgd_ErrorFeedback_SentPlusResidualEqualsEverythingOffered()
    {
        var algorithm = new SignSgdAlgorithm<float>(3, new float[40], StepSize);

        var (offered, sent) = Offer(algorithm, 25);

        var conserved = sent.Zip(algorithm.Memory(0).ToArray(), (s, e) => s + e);
        Assert.That(conserved, Is.EqualTo(offered).Within(1e-5));
    }

    [Test]
    public void SignSgd_MessageIsPlusOrMinusTheMeanMagnitude_AndTheSignEncodingDeliversItExactly()
    {
        var algorithm = new SignSgdAlgorithm<double>(1, new double[5], stepSize: 1.0);
        var source = new ScriptedGradientSource<double>([0.3, -0.1, 0.0, -0.6, 0.2]);
        var payload = new Payload<double>(5);
        var decoded = new Payload<double>(5);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, source, payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);
        algorithm.DefaultEncoding.Decode<double>(buffer.AsSpan(0, bytes), decoded);

        double scale = (float)(new[] { 0.3, 0.1, 0.0, 0.6, 0.2 }.Sum() / 5);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payload.Values.Take(5), Is.EqualTo(new[] { scale, -scale, scale, -scale, scale }));
            Assert.That(decoded.Values.Take(5), Is.EqualTo(payload.Values.Take(5)));
            Assert.That(bytes, Is.EqualTo(4 + 1));
            Assert.That(algorithm.PaperBits(payload), Is.EqualTo(5));
        }
    }

    [Test]
    public void SignSgd_OnTheMlp_ReducesTheTrainingLoss()
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(new SignSgdAlgorithm<float>(3, harness.Initial, 0.02), new SignEncoding());
        var before = harness.Loss(trainer.Algorithm.Theta);

        for (var k = 0; k < 200; k++)
        {
            trainer.RunIteration();
        }

        Assert.That(harness.Loss(trainer.Algorithm.Theta), Is.LessThan(before));
    }

    [Test]
    public void Qsgd_WhatTheServerDecodes_AveragedOverManyDraws_IsUnbiased()
    {
        double[] gradient = [0.5, -0.25, 0.1, 0.0, -0.9, 0.33, 0.07, -0.02];
        var algorithm = new QsgdAlgorithm<double>(1, new double[8], 0.1, levels: 3, seed: 6);
        var source = new ScriptedGradientSource<double>(gradient);
        var payload = new Payload<double>(8);
        var decoded = new Payload<double>(8);
        var buffer = Array.Empty<byte>();
        var mean = new double[8];
        const int Draws = 40_000;

        for (var n = 0; n < Draws; n++)
        {
            algorithm.WorkerStep(0, source, payload);
            var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);
            algorithm.DefaultEncoding.Decode<double>(buffer.AsSpan(0, bytes), decoded);
            for (var i = 0; i < 8; i++)
            {
                mean[i] += decoded.Values[i] / Draws;
            }
        }

        // Each coordinate's spread is at most norm / s = 0.39, so the mean's standard error is below 0.002.
        Assert.That(mean, Is.EqualTo(gradient).Within(0.01));
    }

    [Test]
    public void Qsgd_AtMlpSize_WhatTheServerDecodesKeepsTheGradientsProjection()
    {
        // E<Q(g), g> = ||g||^2. For uniform coordinates at d = 407,050 (most levels 0 or 1) one draw's ratio has a
        // standard deviation of about 0.017; requantizing by ||Q(g)|| would give 0.
        const int Dimension = 407_050;
        var source = new ScriptedGradientSource<float>(Dimension, seed: 21);
        var algorithm = new QsgdAlgorithm<float>(1, new float[Dimension], 0.1, seed: 8);
        var payload = new Payload<float>(Dimension);
        var decoded = new Payload<float>(Dimension);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, source, payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);
        algorithm.DefaultEncoding.Decode<float>(buffer.AsSpan(0, bytes), decoded);

        var projection = source.Current.Select((g, i) => (double)g * decoded.Values[i]).Sum();
        var squares = source.Current.Sum(g => (double)g * g);
        Assert.That(projection / squares, Is.EqualTo(1).Within(0.1));
    }

    [Test]
    public void Qsgd_MessageIsSignedLevelsTimesTheFloat32NormOverS_AndItsBytesFollowTheQsgdFormula()
    {
        double[] gradient = [3, -4, 0, 1, 2, -1, 0.5, 7, 0.25];
        var scale = (float)(Math.Sqrt(gradient.Sum(x => x * x)) / 7);
        var algorithm = new QsgdAlgorithm<double>(1, new double[9], 0.1, seed: 3);
        var payload = new Payload<double>(9);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, new ScriptedGradientSource<double>(gradient), payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);

        var levels = payload.Levels.Take(9).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payload.IsQuantized, Is.True);
            Assert.That(payload.QuantizationScale, Is.EqualTo(scale));
            Assert.That(levels, Has.All.InRange(-7, 7));
            Assert.That(levels.Zip(gradient, (l, g) => l * g >= 0), Has.All.True);
            Assert.That(payload.Values.Take(9), Is.EqualTo(levels.Select(l => l * (double)scale)));
            Assert.That(bytes, Is.EqualTo(4 + ((4 * 9) + 7) / 8));
            Assert.That(algorithm.PaperBits(payload), Is.EqualTo(4 * 9));
        }
    }

    [TestCase(1)]
    [TestCase(9)]
    [TestCase(1_000)]
    [TestCase(407_050)]
    public void Qsgd_ServerDecodesExactlyTheWorkersMessage_Bitwise_InFourPlusHalfDBytes(int dimension)
    {
        var source = new ScriptedGradientSource<float>(dimension, seed: dimension);
        var algorithm = new QsgdAlgorithm<float>(1, new float[dimension], 0.1, seed: 11);
        var payload = new Payload<float>(dimension);
        var decoded = new Payload<float>(dimension);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, source, payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);
        algorithm.DefaultEncoding.Decode<float>(buffer.AsSpan(0, bytes), decoded);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Is.EqualTo(4 + (((long)dimension * 4) + 7) / 8));
            Assert.That(decoded.QuantizationScale, Is.EqualTo(payload.QuantizationScale));
            Assert.That(decoded.Levels.Take(dimension), Is.EqualTo(payload.Levels.Take(dimension)));
            Assert.That(Bits(decoded.Values, dimension), Is.EqualTo(Bits(payload.Values, dimension)));
            Assert.That(payload.Levels.Take(dimension).Count(l => l != 0), Is.Positive);
        }
    }

    [TestCase(9)]
    [TestCase(407_050)]
    public void Qsgd_InDoublePrecision_ServerDecodesExactlyTheWorkersMessage_Bitwise(int dimension)
    {
        var source = new ScriptedGradientSource<double>(dimension, seed: dimension);
        var algorithm = new QsgdAlgorithm<double>(1, new double[dimension], 0.1, levels: 15, seed: 12);
        var payload = new Payload<double>(dimension);
        var decoded = new Payload<double>(dimension);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, source, payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);
        algorithm.DefaultEncoding.Decode<double>(buffer.AsSpan(0, bytes), decoded);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Is.EqualTo(4 + (((long)dimension * 5) + 7) / 8));
            Assert.That(
                decoded.Values.Take(dimension).Select(BitConverter.DoubleToInt64Bits),
                Is.EqualTo(payload.Values.Take(dimension).Select(BitConverter.DoubleToInt64Bits)));
        }
    }

    [Test]
    public void Qsgd_ThroughTheTrainer_TheServerStepsWithExactlyTheWorkersMessage()
    {
        const int Dimension = 407_050;
        var random = new Random(5);
        var gradient = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var source = new ScriptedGradientSource<float>(gradient);
        var twin = new QsgdAlgorithm<float>(1, new float[Dimension], 0.1, seed: 13);
        var sent = new Payload<float>(Dimension);
        var trainer = new SynchronousTrainer<float>(
            new QsgdAlgorithm<float>(1, new float[Dimension], 0.1, seed: 13), [source], new QsgdEncoding());

        trainer.RunIteration();
        twin.WorkerStep(0, source, sent);

        // From theta = 0 with one worker, the update is theta = 0 - alpha * message, rounded once.
        var expected = sent.Values.Take(Dimension).Select(v => 0f - ((float)0.1 * v)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Bits(trainer.Algorithm.Theta, Dimension), Is.EqualTo(Bits(expected, Dimension)));
            Assert.That(trainer.UploadBytes, Is.EqualTo(4 + (Dimension / 2)));
        }
    }

    private static int[] Bits(float[] values, int count) =>
        values.Take(count).Select(BitConverter.SingleToInt32Bits).ToArray();

    private static (double[] Offered, double[] Sent) Offer(DistributedAlgorithm<float> algorithm, int iterations)
    {
        var source = new ScriptedGradientSource<float>(algorithm.Dimension, seed: 9);
        var offered = new double[algorithm.Dimension];
        var sent = new double[algorithm.Dimension];
        var payload = new Payload<float>(algorithm.Dimension);
        var dense = new float[algorithm.Dimension];
        for (var k = 0; k < iterations; k++)
        {
            source.NextBatch();
            algorithm.WorkerStep(0, source, payload);
            payload.ToDense(dense);
            for (var i = 0; i < offered.Length; i++)
            {
                offered[i] += StepSize * source.Current[i];
                sent[i] += dense[i];
            }
        }

        return (offered, sent);
    }

    private static float[] Run(Func<StochasticHarness, DistributedAlgorithm<float>> create, IWireEncoding encoding)
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(create(harness), encoding);
        for (var k = 0; k < 30; k++)
        {
            trainer.RunIteration();
        }

        return trainer.Algorithm.Theta;
    }
}
