using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Training;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class StochasticFamilyTests
{
    private const double StepSize = 0.05;

    [Test]
    public void SasgWithFullTopKAndZeroThreshold_ReproducesSgdWithTheSameBatches()
    {
        var sgd = Run(h => new GradientDescentAlgorithm<float>("SGD", 3, h.Initial, StepSize), new DenseFloat32Encoding(), 30);
        var sasg = Run(
            h => new SasgAlgorithm<float>(3, h.Initial, StepSize, h.Blocks, fraction: 1.0, divisor: double.PositiveInfinity),
            new SparseCooEncoding(),
            30);

        Assert.That(sasg.Theta, Is.EqualTo(sgd.Theta).Within(1e-5));
    }

    [Test]
    public void TopKWithFullFraction_EqualsSgd()
    {
        var sgd = Run(h => new GradientDescentAlgorithm<float>("SGD", 3, h.Initial, StepSize), new DenseFloat32Encoding(), 30);
        var topK = Run(h => new TopKAlgorithm<float>(3, h.Initial, StepSize, h.Blocks, fraction: 1.0), new SparseCooEncoding(), 30);

        Assert.That(topK.Theta, Is.EqualTo(sgd.Theta).Within(1e-5));
    }

    [Test]
    public void ErrorFeedback_SentPlusResidualEqualsEverythingOffered()
    {
        using var harness = new StochasticHarness();
        var algorithm = new TopKAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1);
        var source = new RecordingSource(algorithm.Dimension);
        var offered = new double[algorithm.Dimension];
        var sent = new double[algorithm.Dimension];
        var payload = new Payload<float>(algorithm.Dimension);

        for (var k = 0; k < 25; k++)
        {
            source.Next();
            algorithm.WorkerStep(0, source, payload);
            for (var i = 0; i < offered.Length; i++)
            {
                offered[i] += StepSize * source.LastGradient[i];
            }

            for (var i = 0; i < payload.Count; i++)
            {
                sent[payload.Indices[i]] += payload.Values[i];
            }
        }

        var memory = algorithm.Memory(0).ToArray();
        var conserved = Enumerable.Range(0, offered.Length).Select(i => sent[i] + memory[i]).ToArray();
        Assert.That(conserved, Is.EqualTo(offered).Within(1e-5));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SameSampleTests_ReadTheStaleGradientInPlace_WithTheBitsOfACopy(bool sasg)
    {
        // A model source evaluates the stale iterate in the model's second parameter vector, copied there by stamp,
        // and keeps its gradient apart (no copy); behind a source with one buffer the point is loaded into the module
        // and the rule copies the gradient out, as before. Decisions and iterates must be the same bits either way.
        (WorkerDecision[][] Decisions, int[] Theta) Run(bool apart)
        {
            using var harness = new StochasticHarness();
            DistributedAlgorithm<float> algorithm = sasg
                ? new SasgAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1, maxDelay: 4, divisor: 2)
                : new LasgWk2Algorithm<float>(3, harness.Initial, StepSize, window: 4, xi: 0.5, delayBound: 5);
            var sources = harness.Sources.Select(s => apart ? s : new CopyingSource(s)).ToList();
            var trainer = new SynchronousTrainer<float>(algorithm, sources, sasg ? new SparseCooEncoding() : new DenseFloat32Encoding());
            var decisions = Enumerable.Range(0, 40).Select(_ => trainer.RunIteration().Select(o => o.Decision).ToArray()).ToArray();
            return (decisions, algorithm.Theta.Select(BitConverter.SingleToInt32Bits).ToArray());
        }

        var apart = Run(apart: true);
        var copied = Run(apart: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(apart.Decisions, Is.EqualTo(copied.Decisions));
            Assert.That(apart.Theta, Is.EqualTo(copied.Theta));
            Assert.That(apart.Decisions.SelectMany(d => d).Distinct().Count(), Is.EqualTo(2), "both uploads and skips happen");
        }
    }

    [Test]
    public void SameSampleTest_UnderPartialParticipation_ReadsTheStaleIterateWithTheBitsOfALoad()
    {
        // Workers sit out at random and payloads are lent from a pool: the stale iterates come from the ring, from own
        // copies kept when the ring turns over, and from theta^0, so the stamps that let the model skip a copy of the
        // stale point are exercised in every case. Behind a source that loads every point, the bits must be the same.
        (WorkerDecision[][] Decisions, int[] Theta) Run(bool stamped)
        {
            using var harness = new StochasticHarness();
            var algorithm = new SasgAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1, maxDelay: 2, divisor: 2);
            var sources = harness.Sources.Select(s => stamped ? s : new CopyingSource(s)).ToList();
            var trainer = new SynchronousTrainer<float>(algorithm, sources, new SparseCooEncoding()) { ReleaseAfterStep = true };
            var sampled = new Random(17);
            var decisions = new WorkerDecision[80][];
            for (var k = 0; k < decisions.Length; k++)
            {
                decisions[k] = Enumerable.Range(0, 3)
                    .Select(m => sampled.Next(3) == 0 ? trainer.NotSampled(m).Decision : trainer.StepWorker(m).Decision).ToArray();
                trainer.FinishIteration();
            }

            return (decisions, algorithm.Theta.Select(BitConverter.SingleToInt32Bits).ToArray());
        }

        var stamped = Run(stamped: true);
        var loaded = Run(stamped: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stamped.Decisions, Is.EqualTo(loaded.Decisions));
            Assert.That(stamped.Theta, Is.EqualTo(loaded.Theta));
            Assert.That(stamped.Decisions.SelectMany(d => d).Distinct().Count(), Is.EqualTo(3), "uploads, skips and workers left out");
        }
    }

    [Test]
    public void Sgd_WritesGradientsIntoItsUploads_WithTheBitsOfACopy()
    {
        // A model source writes each worker's gradient straight into its dense upload; behind a source that only hands
        // out its own buffer, the gradient is copied in. The iterates must be the same bits either way.
        int[] Run(bool direct)
        {
            using var harness = new StochasticHarness();
            var algorithm = new GradientDescentAlgorithm<float>("SGD", 3, harness.Initial, StepSize);
            var sources = harness.Sources.Select(s => direct ? s : new CopyingSource(s)).ToList();
            var trainer = new SynchronousTrainer<float>(algorithm, sources, new DenseFloat32Encoding());
            for (var k = 0; k < 30; k++)
            {
                trainer.RunIteration();
            }

            return algorithm.Theta.Select(BitConverter.SingleToInt32Bits).ToArray();
        }

        var direct = Run(direct: true);
        using var fresh = new StochasticHarness();
        Assert.That(direct, Is.EqualTo(Run(direct: false)));
        Assert.That(direct, Is.Not.EqualTo(fresh.Initial.Select(BitConverter.SingleToInt32Bits)), "the iterate moved");
    }

    [Test]
    public void Sasg_NeverSkipsMoreThanTheMaxDelayInARow_AfterItsFirstUpload()
    {
        using var harness = new StochasticHarness();
        var algorithm = new SasgAlgorithm<float>(3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1, maxDelay: 4, divisor: 1e-9);
        var trainer = harness.Trainer(algorithm, new SparseCooEncoding());

        var decisions = Enumerable.Range(0, 120).Select(_ => trainer.RunIteration()).ToList();

        for (var m = 0; m < 3; m++)
        {
            var run = 0;
            var longest = 0;
            var uploadsAfterWarmUp = 0;
            for (var k = 4; k < decisions.Count; k++)
            {
                var skipped = decisions[k][m].Decision == WorkerDecision.Skip;
                run = skipped ? run + 1 : 0;
                uploadsAfterWarmUp += skipped ? 0 : 1;
                if (uploadsAfterWarmUp > 0)
                {
                    longest = Math.Max(longest, run);
                }
            }

            // A huge threshold makes every worker skip until forced: runs of exactly D = 4 skips after an upload.
            Assert.That(longest, Is.EqualTo(4), $"worker {m}");
        }
    }

    [Test]
    public void LasgWk2_WithAHugeThreshold_UploadsAtTheStartThenExactlyWhenTheDelayReachesTheBound()
    {
        using var harness = new StochasticHarness();
        var algorithm = new LasgWk2Algorithm<float>(3, harness.Initial, StepSize, window: 10, xi: 1e12, delayBound: 5);
        var trainer = harness.Trainer(algorithm, new DenseFloat32Encoding());

        var decisions = Enumerable.Range(0, 31).Select(_ => trainer.RunIteration()).ToList();

        // 0 >= 0 at k = 0; then the counter, incremented before the check and reset on upload, forces k = 5, 10, ...:
        // at most delayBound - 1 = 4 skips in a row.
        var expected = Enumerable.Range(0, 31).Select(k => k % 5 == 0 ? WorkerDecision.Upload : WorkerDecision.Skip);
        for (var m = 0; m < 3; m++)
        {
            Assert.That(decisions.Select(d => d[m].Decision), Is.EqualTo(expected), $"worker {m}");
        }
    }

    [TestCase(2)]
    [TestCase(7)]
    public void Sasg_WarmUp_EveryWorkerUploadsInTheFirstWarmUpIterations_ThenTheRuleMaySkip(int warmUp)
    {
        using var harness = new StochasticHarness();
        // A huge threshold: every worker skips as soon as the rule applies.
        var algorithm = new SasgAlgorithm<float>(
            3, harness.Initial, StepSize, harness.Blocks, fraction: 0.1, maxDelay: 10, divisor: 1e-9, warmUp: warmUp);
        var trainer = harness.Trainer(algorithm, new SparseCooEncoding());

        var decisions = Enumerable.Range(0, warmUp + 1).Select(_ => trainer.RunIteration()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decisions.Take(warmUp).SelectMany(d => d).Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(decisions[warmUp].Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Skip));
        }
    }

    [TestCase(2.0)]
    [TestCase(0.05)]
    public void LasgSasgCode_EqualsSasgWithKeptFractionOne_DecisionForDecisionAndStepForStep(double divisor)
    {
        // A small divisor raises the threshold so that both skip often; 2 is the MNIST notebook's.
        using var sasgHarness = new StochasticHarness();
        using var lasgHarness = new StochasticHarness();
        var sasg = sasgHarness.Trainer(
            new SasgAlgorithm<float>(3, sasgHarness.Initial, StepSize, sasgHarness.Blocks, fraction: 1.0, maxDelay: 4, divisor: divisor),
            new SparseCooEncoding());
        var lasg = lasgHarness.Trainer(
            new LasgSasgCodeAlgorithm<float>(3, lasgHarness.Initial, StepSize, maxDelay: 4, divisor: divisor), new DenseFloat32Encoding());
        var skips = 0;

        for (var k = 0; k < 60; k++)
        {
            var expected = sasg.RunIteration().Select(o => o.Decision).ToList();
            var actual = lasg.RunIteration().Select(o => o.Decision).ToList();
            skips += actual.Count(d => d == WorkerDecision.Skip);
            Assert.That(actual, Is.EqualTo(expected), $"decisions at k = {k}");
            Assert.That(lasg.Algorithm.Theta, Is.EqualTo(sasg.Algorithm.Theta), $"theta after k = {k}");
        }

        Assert.That(skips, Is.GreaterThan(0), "the runs must skip for the comparison to test the rule");
    }

    [Test]
    public void TopK_OnTheSasgMlp_Keeps4071EntriesOf407050_At8BytesEach()
    {
        using var model = new FlatModel<float>(new Mlp([784, 512, 10]));

        var algorithm = new TopKAlgorithm<float>(1, model.Parameters, 0.005, model.Blocks);
        var payload = new Payload<float>(model.Length);
        payload.SetSparse(algorithm.KeptPerUpload, out _, out _);
        var buffer = Array.Empty<byte>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Length, Is.EqualTo(407_050));
            Assert.That(algorithm.KeptPerUpload, Is.EqualTo(4_071));
            Assert.That(new SparseCooEncoding().Encode(payload, ref buffer), Is.EqualTo(4_071 * 8));
        }
    }

    private static (float[] Theta, long Uploads) Run(
        Func<StochasticHarness, DistributedAlgorithm<float>> create, IWireEncoding encoding, int iterations)
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(create(harness), encoding);
        for (var k = 0; k < iterations; k++)
        {
            trainer.RunIteration();
        }

        return (trainer.Algorithm.Theta, trainer.Uploads);
    }

    /// <summary>A source of seeded random gradients that remembers the last one it handed out.</summary>
    private sealed class RecordingSource(int dimension) : IGradientSource<float>
    {
        private readonly Random _random = new(9);

        public float[] LastGradient { get; } = new float[dimension];

        public int Dimension => dimension;

        public void Next()
        {
            for (var i = 0; i < LastGradient.Length; i++)
            {
                LastGradient[i] = (float)(_random.NextDouble() - 0.5);
            }
        }

        public void NextBatch()
        {
        }

        public ReadOnlySpan<float> Gradient(ReadOnlySpan<float> point, long pointVersion) => LastGradient;
    }

    // A source with one gradient buffer that every call overwrites (it does not keep stale gradients apart): a rule
    // that read the stale gradient in place would compare the fresh one with itself.
    private sealed class CopyingSource(IGradientSource<float> inner) : IGradientSource<float>
    {
        private readonly float[] _buffer = new float[inner.Dimension];

        public int Dimension => inner.Dimension;

        public void NextBatch() => inner.NextBatch();

        public ReadOnlySpan<float> Gradient(ReadOnlySpan<float> point, long pointVersion)
        {
            inner.Gradient(point, pointVersion).CopyTo(_buffer);
            return _buffer;
        }
    }
}
