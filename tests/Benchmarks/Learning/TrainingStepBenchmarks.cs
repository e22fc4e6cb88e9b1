using BenchmarkDotNet.Attributes;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Benchmarks.Learning;

/// <summary>
/// One gradient of the 784-512-10 MLP (float32) on a batch of 10 random samples: a raw TorchSharp step as a user
/// would write it (the baseline), against our <see cref="FlatModel{T}"/> paths (zero-copy flat gradient, the
/// per-worker SASG step with sampling, and the two-point evaluation that copies parameters in and the gradient out),
/// with the MLP's hand-written backward pass (the default) and with autograd plus a copy into the flat vector; and ten
/// workers in turn writing their dense uploads into one pooled payload or into one payload each.
/// </summary>
/// <remarks>
/// libtorch runs on one thread, so the numbers measure work, not this machine's core count. The raw model is a second
/// <see cref="Mlp"/> with the same seed, so both sides run the same module code and differ only in how gradients are
/// stored and read. In-process for the same reason as <see cref="TopKBenchmarks"/>.
/// </remarks>
[MemoryDiagnoser]
[InProcess]
public class TrainingStepBenchmarks
{
    private const int BatchSize = 10;
    private const int SampleCount = 6_000;
    private const int Features = 784;
    private const int Classes = 10;

    private Mlp _raw = null!;
    private FlatModel<float> _flat = null!;
    private FlatModel<float> _flatAutograd = null!;
    private Tensor _x = null!;
    private Tensor _y = null!;
    private TensorData _data = null!;
    private MinibatchSampler _sampler = null!;
    private ModelGradientSource<float> _source = null!;
    private float[] _point = null!;
    private float[] _gradient = null!;
    private float[][] _payloads = null!;
    private int _turn;
    private MinibatchSampler[] _workerSamplers = null!;
    private ModelGradientSource<float>[] _workers = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        Console.WriteLine($"// torch threads: {torch.get_num_threads()}");
        torch.manual_seed(1);
        _raw = new Mlp([Features, 512, Classes]);
        torch.manual_seed(1);
        _flat = new FlatModel<float>(new Mlp([Features, 512, Classes]));
        torch.manual_seed(1);
        _flatAutograd = new FlatModel<float>(new Mlp([Features, 512, Classes]), useAnalyticGradient: false);

        _x = torch.randn(BatchSize, Features).DetachFromDisposeScope();
        _y = torch.arange(BatchSize, dtype: ScalarType.Int64).DetachFromDisposeScope();

        var random = new Random(20251201);
        var features = new double[SampleCount * Features];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = random.NextDouble();
        }

        var labels = Enumerable.Range(0, SampleCount).Select(_ => random.Next(Classes)).ToArray();
        var dataset = new Dataset("random", SampleCount, [Features], features, labels, Classes, null);
        _data = new TensorData(dataset, ScalarType.Float32, TargetKind.ClassLabels);
        _sampler = new MinibatchSampler(_data, BatchSize, seed: 7);
        _source = new ModelGradientSource<float>(new ModelState<float>(_flat), _data, _sampler);
        _point = _flat.Parameters.ToArray();
        _gradient = new float[_flat.Length];
        _payloads = [.. Enumerable.Range(0, 10).Select(_ => new float[_flat.Length])];
        _workerSamplers = [.. Enumerable.Range(0, 10).Select(m => new MinibatchSampler(_data, BatchSize, seed: 100 + m))];
        var state = new ModelState<float>(_flat);
        _workers = [.. _workerSamplers.Select(sampler => new ModelGradientSource<float>(state, _data, sampler))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _sampler.Dispose();
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        foreach (var sampler in _workerSamplers)
        {
            sampler.Dispose();
        }

        _data.Dispose();
        _x.Dispose();
        _y.Dispose();
        _flat.Dispose();
        _flatAutograd.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw TorchSharp: zero_grad, cross_entropy, backward")]
    public double RawTorchStep()
    {
        using var scope = torch.NewDisposeScope();
        _raw.zero_grad();
        using var loss = nn.functional.cross_entropy(_raw.call(_x), _y);
        loss.backward();
        return loss.ToDouble();
    }

    [Benchmark(Description = "FlatModel.ComputeGradient (analytic)")]
    public double FlatComputeGradient() => _flat.ComputeGradient(new Batch(_x, _y));

    [Benchmark(Description = "FlatModel.ComputeGradient (autograd + copy)")]
    public double FlatAutogradComputeGradient() => _flatAutograd.ComputeGradient(new Batch(_x, _y));

    // A fixed point version: consecutive workers at the server's iterate skip the parameter copy (ModelState.Load).
    [Benchmark(Description = "ModelGradientSource: NextBatch + Gradient")]
    public float SourceStep()
    {
        _source.NextBatch();
        return _source.Gradient(_point, pointVersion: 0)[0];
    }

    // A dense upload written straight into the payload (GradientInto) by ten workers in turn, as a run of SGD makes
    // them: into one pooled payload, which stays in cache, or into one payload per worker (16 MB in all), each cold
    // again by its worker's next turn. The difference is what pooling the uploads saves per worker step.
    [Benchmark(Description = "ten workers in turn: NextBatch + GradientInto one pooled payload")]
    public float WorkersGradientIntoPooledPayload() => WorkerStepInto(pooled: true);

    [Benchmark(Description = "ten workers in turn: NextBatch + GradientInto a payload each")]
    public float WorkersGradientIntoOwnPayloads() => WorkerStepInto(pooled: false);

    private float WorkerStepInto(bool pooled)
    {
        var worker = _turn;
        _turn = (_turn + 1) % _workers.Length;
        var payload = _payloads[pooled ? 0 : worker];
        _workers[worker].NextBatch();
        _workers[worker].GradientInto(_point, pointVersion: 0, payload);
        return payload[0];
    }

    [Benchmark(Description = "FlatModel.ComputeGradientAt (copy in + out)")]
    public double FlatComputeGradientAt() => _flat.ComputeGradientAt(_point, new Batch(_x, _y), _gradient);
}
