using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>The runner pools the workers' upload buffers (<see cref="SynchronousTrainer{T}.ReleaseAfterStep"/>)
/// unless the round's topology sizes messages from the uploads after the steps; pooled or not, every method gives the
/// same bits.</summary>
[NonParallelizable]
public sealed class PooledUploadsTests
{
    private const int Workers = 4;

    private static IEnumerable<string> Methods => AlgorithmFactory.KnownNames;

    [TestCase(TopologyKind.Star, false)]
    [TestCase(TopologyKind.Ring, false)]
    [TestCase(TopologyKind.Tree, false)]
    [TestCase(TopologyKind.Hierarchical, true)]
    [TestCase(TopologyKind.Sharded, true)]
    public void OnlyHierarchicalAndShardedRounds_ReadUploadsAfterTheSteps(TopologyKind kind, bool reads)
    {
        var plan = TinyPlans.Stochastic("SGD") with { RoundTopology = new TopologyPlan(kind) };

        Assert.That(AlgorithmRunner<float>.SizesMessagesFromUploads(plan), Is.EqualTo(reads));
    }

    // Each method on an MLP with real minibatch gradients (the model writes dense uploads straight into the payload
    // it is lent), 12 iterations, once with one payload per worker and once pooled.
    [TestCaseSource(nameof(Methods))]
    public void PooledPayloads_GiveEveryMethodTheSameBitsAsOnePerWorker(string method)
    {
        var perWorker = Run(method, pooled: false);
        var pooled = Run(method, pooled: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pooled.Theta, Is.EqualTo(perWorker.Theta), "theta, bit for bit");
            Assert.That(pooled.Counts, Is.EqualTo(perWorker.Counts), "uploads, counted uploads, bytes, paper bits");
            Assert.That(perWorker.Counts[0], Is.GreaterThan(0), "the method uploaded");
        }
    }

    private static (int[] Theta, long[] Counts) Run(string method, bool pooled)
    {
        manual_seed(5);
        using var model = new FlatModel<float>(new Mlp([8, 6, 3]));
        var state = new ModelState<float>(model);
        var random = new Random(17);
        var data = Enumerable.Range(0, Workers).Select(m =>
        {
            var features = Enumerable.Range(0, 20 * 8).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, 20).Select(i => (features[i * 8] > 0 ? 1 : 0) + (features[(i * 8) + 1] > m * 0.1 ? 1 : 0)).ToArray();
            return new TensorData(new Dataset($"w{m}", 20, [8], features, labels, 3, null), ScalarType.Float32, TargetKind.ClassLabels);
        }).ToList();
        var samplers = data.Select((d, m) => new MinibatchSampler(d, 5, 40 + m)).ToList();
        var sources = data.Select((d, m) => new ModelGradientSource<float>(state, d, samplers[m])).ToList();
        try
        {
            // Per-worker smoothness constants for the methods that need them (LAG-PS, Num-IAG).
            var context = new AlgorithmContext(Workers, 0.05, model.Blocks, [1.0, 2.0, 1.5, 0.5], 3);
            var algorithm = AlgorithmFactory.Create(AlgorithmSpec.Of(method), context, (ReadOnlySpan<float>)model.Parameters);
            var encoding = AlgorithmRunner<float>.ChooseEncoding(TinyPlans.Stochastic(method), algorithm);
            var trainer = new SynchronousTrainer<float>(algorithm, sources, encoding) { ReleaseAfterStep = pooled };
            for (var k = 0; k < 12; k++)
            {
                trainer.RunIteration();
            }

            var theta = algorithm.Theta.Select(BitConverter.SingleToInt32Bits).ToArray();
            return (theta, [trainer.Uploads, trainer.CountedUploads, trainer.UploadBytes, trainer.PaperBits]);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
            samplers.ForEach(s => s.Dispose());
            data.ForEach(d => d.Dispose());
        }
    }
}
