using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>A small float32 MLP on seeded random data over a few workers, with per-worker minibatch streams that
/// restart identically for every method (so two methods see the same batches).</summary>
internal sealed class StochasticHarness : IDisposable
{
    private readonly List<TensorData> _data = [];
    private readonly List<MinibatchSampler> _samplers = [];
    private readonly List<ModelGradientSource<float>> _sources = [];

    public StochasticHarness(int workers = 3, int samplesPerWorker = 40, int batch = 5)
    {
        manual_seed(5);
        State = new ModelState<float>(new FlatModel<float>(new Mlp([6, 8, 3])));
        Initial = State.Model.Parameters.ToArray();
        var random = new Random(3);
        for (var m = 0; m < workers; m++)
        {
            var features = Enumerable.Range(0, samplesPerWorker * 6).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, samplesPerWorker).Select(_ => random.Next(3)).ToArray();
            var data = new TensorData(new Dataset($"w{m}", samplesPerWorker, [6], features, labels, 3, null), ScalarType.Float32, TargetKind.ClassLabels);
            var sampler = new MinibatchSampler(data, batch, seed: 100 + m);
            _data.Add(data);
            _samplers.Add(sampler);
            _sources.Add(new ModelGradientSource<float>(State, data, sampler));
        }
    }

    public ModelState<float> State { get; }

    public float[] Initial { get; }

    public IReadOnlyList<ParameterBlock> Blocks => State.Model.Blocks;

    public IReadOnlyList<IGradientSource<float>> Sources => _sources;

    public SynchronousTrainer<float> Trainer(DistributedAlgorithm<float> algorithm, IWireEncoding encoding) =>
        new(algorithm, _sources, encoding);

    public double Loss(ReadOnlySpan<float> theta)
    {
        double total = 0;
        foreach (var source in _sources)
        {
            total += source.FullLoss(theta, -1);
        }

        return total;
    }

    public void Dispose()
    {
        _sources.ForEach(s => s.Dispose());
        _samplers.ForEach(s => s.Dispose());
        _data.ForEach(d => d.Dispose());
        State.Model.Dispose();
    }
}
