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
    public void Qsgd_AveragedOverManyDraws_IsUnbiased()
    {
        double[] gradient = [0.5, -0.25, 0.1, 0.0, -0.9, 0.33, 0.07, -0.02];
        var algorithm = new QsgdAlgorithm<double>(1, new double[8], 0.1, levels: 3, seed: 6);
        var source = new ScriptedGradientSource<double>(gradient);
        var payload = new Payload<double>(8);
        var mean = new double[8];
        const int Draws = 40_000;

        for (var n = 0; n < Draws; n++)
        {
            algorithm.WorkerStep(0, source, payload);
            for (var i = 0; i < 8; i++)
            {
                mean[i] += payload.Values[i] / Draws;
            }
        }

        // Each coordinate's spread is at most norm / s = 0.39, so the mean's standard error is below 0.002.
        Assert.That(mean, Is.EqualTo(gradient).Within(0.01));
    }

    [Test]
    public void Qsgd_MessageIsOnTheNormGrid_AndItsBytesFollowTheQsgdFormula()
    {
        double[] gradient = [3, -4, 0, 1, 2, -1, 0.5, 7, 0.25];
        var norm = (double)(float)Math.Sqrt(gradient.Sum(x => x * x));
        var algorithm = new QsgdAlgorithm<double>(1, new double[9], 0.1, seed: 3);
        var payload = new Payload<double>(9);
        var buffer = Array.Empty<byte>();

        algorithm.WorkerStep(0, new ScriptedGradientSource<double>(gradient), payload);
        var bytes = algorithm.DefaultEncoding.Encode(payload, ref buffer);

        var levels = payload.Values.Take(9).Select(v => Math.Abs(v) / norm * 7).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(levels.Select(l => Math.Abs(l - Math.Round(l))), Has.All.LessThan(1e-9));
            Assert.That(levels, Has.All.InRange(0, 7 + 1e-9));
            Assert.That(payload.Values.Take(9).Zip(gradient, (q, g) => q * g >= 0), Has.All.True);
            Assert.That(bytes, Is.EqualTo(4 + ((4 * 9) + 7) / 8));
            Assert.That(algorithm.PaperBits(payload), Is.EqualTo(4 * 9));
        }
    }

    [Test]
    public void QsgdEncoding_GivesBackTheMessageOnlyWhenItsLevelsHaveNormS()
    {
        // The documented discrepancy (docs/algorithms.md, QSGD): the qsgd encoding renormalizes by ||message||_2.
        var encoding = new QsgdEncoding(levels: 4);
        var onGrid = Payload([0, 2.5, 0, -2.5, 2.5, 2.5]);
        var offGrid = Payload([0, 2.5, 2.5, -2.5, 2.5, 2.5]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RoundTrip(encoding, onGrid), Is.EqualTo(onGrid.Values));
            Assert.That(RoundTrip(encoding, offGrid), Is.Not.EqualTo(offGrid.Values));
        }
    }

    private static Payload<double> Payload(double[] values)
    {
        var payload = new Payload<double>(values.Length);
        values.CopyTo(payload.SetDense());
        return payload;
    }

    private static double[] RoundTrip(QsgdEncoding encoding, Payload<double> payload)
    {
        var buffer = Array.Empty<byte>();
        var decoded = new Payload<double>(payload.Dimension);
        var bytes = encoding.Encode(payload, ref buffer);
        encoding.Decode<double>(buffer.AsSpan(0, bytes), decoded);
        return decoded.Values.Take(payload.Dimension).ToArray();
    }

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
