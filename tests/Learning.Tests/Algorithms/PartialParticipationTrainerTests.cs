using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Training;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>Workers outside a round's sample (<see cref="SynchronousTrainer{T}.NotSampled"/>): they compute nothing,
/// methods that reuse messages keep their stored one in the sum, others add nothing, and per-worker state is made
/// only for workers that step.</summary>
public sealed class PartialParticipationTrainerTests
{
    private const int Workers = 4;

    [Test]
    public void NotSampled_ReuseMethod_KeepsTheStoredMessageInTheSum_AndComputesNothing()
    {
        // LAG-WK with a threshold no gradient passes after k = 0: worker 1's k = 0 upload is its stored message.
        var sources = Sources(out var calls);
        var trainer = new SynchronousTrainer<double>(new LagWkAlgorithm<double>(Workers, new double[2], 0.1), sources, new DenseFloat64Encoding());
        trainer.RunIteration();
        var before = trainer.Algorithm.Theta.ToArray();
        Array.Clear(calls);

        var outcomes = Enumerable.Range(0, Workers).Select(m => m == 1 ? trainer.StepWorker(m) : trainer.NotSampled(m)).ToList();
        trainer.FinishIteration();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Select(o => o.Decision), Is.EqualTo(new[] { WorkerDecision.NotSampled, WorkerDecision.Skip, WorkerDecision.NotSampled, WorkerDecision.NotSampled }));
            Assert.That(calls, Is.EqualTo(new[] { 0, 1, 0, 0 }), "gradients only for the sampled worker");

            // Every worker's stored k = 0 gradient (m + 1, -(m + 1)) is still in the sum: 10 and -10, times alpha.
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { before[0] - (0.1 * 10), before[1] + (0.1 * 10) }));
        }
    }

    [Test]
    public void NotSampled_MethodThatNeverReuses_AddsNothing()
    {
        var sources = Sources(out _);
        var trainer = new SynchronousTrainer<double>(new GradientDescentAlgorithm<double>("SGD", Workers, new double[2], 0.1), sources, new DenseFloat64Encoding());
        trainer.RunIteration();
        var before = trainer.Algorithm.Theta.ToArray();

        for (var m = 0; m < Workers; m++)
        {
            _ = m == 2 ? trainer.StepWorker(m) : trainer.NotSampled(m);
        }

        trainer.FinishIteration();

        // Only worker 2's gradient (3, -3).
        Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { before[0] - (0.1 * 3), before[1] + (0.1 * 3) }));
    }

    [Test]
    public void PerWorkerState_GrowsWithTheWorkersThatStep_NotWithM()
    {
        const int many = 1000;
        const int dimension = 50;
        var sources = Enumerable.Range(0, many).Select(m => (IGradientSource<float>)new ScriptedGradientSource<float>(dimension, m)).ToList();
        var blocks = new[] { new ParameterBlock("w", 0, dimension) };
        var algorithm = new SasgAlgorithm<float>(many, new float[dimension], 0.01, blocks, fraction: 0.1);
        var trainer = new SynchronousTrainer<float>(algorithm, sources, new SparseCooEncoding()) { ReleaseAfterStep = true };
        var empty = trainer.PerWorkerStateBytes;

        for (var k = 0; k < 3; k++)
        {
            for (var m = 0; m < many; m++)
            {
                _ = m % 100 == k ? trainer.StepWorker(m) : trainer.NotSampled(m);
            }

            trainer.FinishIteration();
        }

        var eager = (long)many * dimension * sizeof(float);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(empty, Is.LessThan(eager / 4), "before any step: only per-worker flags and counters");
            Assert.That(trainer.PerWorkerStateBytes, Is.GreaterThan(empty), "the 30 workers that stepped hold state");
            Assert.That(trainer.PerWorkerStateBytes, Is.LessThan(eager / 2), "far below one vector per worker");
            Assert.That(algorithm.Memory(555).ToArray(), Is.All.Zero, "a worker that never stepped has a zero memory");
        }
    }

    [Test]
    public void ReleaseAfterStep_WithEveryWorkerSampled_GivesTheSameBitsAsPerWorkerBuffers()
    {
        static float[] Run(bool release)
        {
            const int dimension = 40;
            var sources = Enumerable.Range(0, Workers).Select(m => (IGradientSource<float>)new ScriptedGradientSource<float>(dimension, 10 + m)).ToList();
            var blocks = new[] { new ParameterBlock("w", 0, 25), new ParameterBlock("b", 25, 15) };
            var algorithm = new SasgAlgorithm<float>(Workers, new float[dimension], 0.05, blocks, fraction: 0.2, maxDelay: 3);
            var trainer = new SynchronousTrainer<float>(algorithm, sources, new SparseCooEncoding()) { ReleaseAfterStep = release };
            for (var k = 0; k < 20; k++)
            {
                trainer.RunIteration();
            }

            return algorithm.Theta;
        }

        Assert.That(Run(release: true), Is.EqualTo(Run(release: false)));
    }

    // Worker m's gradient is (m + 1, -(m + 1)) at every point; calls[m] counts its evaluations.
    private static List<IGradientSource<double>> Sources(out int[] calls)
    {
        var counts = new int[Workers];
        calls = counts;
        return [.. Enumerable.Range(0, Workers).Select(m => (IGradientSource<double>)new CountingSource(m, counts))];
    }

    private sealed class CountingSource(int worker, int[] calls) : IGradientSource<double>
    {
        private readonly double[] _gradient = [worker + 1, -(worker + 1)];

        public int Dimension => 2;

        public void NextBatch()
        {
        }

        public ReadOnlySpan<double> Gradient(ReadOnlySpan<double> point, long pointVersion)
        {
            calls[worker]++;
            return _gradient;
        }
    }
}
