using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Sparsification;
using Sasg.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Benchmarks.Learning;

/// <summary>
/// One whole top-k-with-error-feedback worker step on the 784-512-10 MLP's gradient (407,050 float32, per-tensor top
/// 1% with at least one entry per tensor: 4,071 kept): <see cref="ErrorFeedbackSparsifier{T}.Compress"/> against the
/// same step written with TorchSharp ops as a user would (memory += lr * g; per tensor torch.topk of |v|; gather the
/// kept values; zero them in the memory).
/// </summary>
/// <remarks>
/// The gradient is seeded standard normals, like <see cref="TopKBenchmarks"/>; each side keeps its own memory, zero at
/// the start, and both evolve identically (<see cref="Setup"/> checks one step of each against the other and throws if
/// they keep different entries or leave different memories). The torch step's message stays in tensors (indices per
/// tensor, values by descending magnitude, torch.topk's default); ours is a payload with ascending indices, ready to
/// encode. libtorch runs with <see cref="TorchThreads"/> threads (1, and its default for this machine); our step is
/// single-threaded either way. In-process for the same reason as <see cref="TopKBenchmarks"/>, but as a job mutator
/// (<see cref="InProcessForEveryJob"/>) rather than <c>[InProcess]</c>, so that a job given on the command line
/// (<c>--job short</c>) runs in-process instead of beside a full-length in-process job.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(InProcessForEveryJob))]
public class ErrorFeedbackBenchmarks
{
    private const int Length = 407_050;
    private const float StepSize = 0.1f;

    /// <summary>libtorch's own thread count, read before any benchmark changes it (the runs share one process).</summary>
    private static readonly int DefaultTorchThreads = torch.get_num_threads();

    private static readonly ParameterBlock[] MlpBlocks =
    [
        new("layers.0.weight", 0, 401_408),
        new("layers.0.bias", 401_408, 512),
        new("layers.2.weight", 401_920, 5_120),
        new("layers.2.bias", 407_040, 10),
    ];

    private float[] _gradient = null!;
    private ErrorFeedbackSparsifier<float> _sparsifier = null!;
    private Payload<float> _payload = null!;
    private Tensor _torchGradient = null!;
    private Tensor _torchMemory = null!;
    private Tensor[] _torchBlocks = null!;
    private int[] _blockK = null!;

    /// <summary>libtorch's intra-op thread count during the torch benchmark (0 = its default).</summary>
    [Params(1, 0)]
    public int TorchThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20251201);
        _gradient = new float[Length];
        for (var i = 0; i < Length; i++)
        {
            _gradient[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) *
                                   Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        torch.set_num_threads(TorchThreads > 0 ? TorchThreads : DefaultTorchThreads);
        Console.WriteLine($"// torch threads: {torch.get_num_threads()}");
        _blockK = MlpBlocks.Select(b => TopKSelector.KFor(b.Length, TopKSelector.SasgFraction)).ToArray();
        _payload = new Payload<float>(Length);
        _torchGradient = torch.tensor(_gradient).DetachFromDisposeScope();
        Reset();
        CheckBothSidesAgree();
        Reset();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        DisposeTorchMemory();
        _torchGradient.Dispose();
    }

    [Benchmark(Baseline = true, Description = "TorchSharp: add_, per-tensor topk(|v|), gather, index_fill_")]
    public long Torch()
    {
        using var scope = torch.NewDisposeScope();
        _torchMemory.add_(_torchGradient, alpha: StepSize);
        var kept = 0L;
        for (var b = 0; b < _torchBlocks.Length; b++)
        {
            var v = _torchBlocks[b];
            var (_, indices) = torch.topk(v.abs(), _blockK[b]);
            var values = v.gather(0, indices);
            v.index_fill_(0, indices, 0);
            kept += values.shape[0];
        }

        return kept;
    }

    [Benchmark(Description = "ErrorFeedbackSparsifier.Compress")]
    public int Ours()
    {
        _sparsifier.Compress(0, StepSize, _gradient, _payload);
        return _payload.Count;
    }

    private void Reset()
    {
        _sparsifier = new ErrorFeedbackSparsifier<float>(1, Length, MlpBlocks, TopKSelector.SasgFraction);
        if (_torchMemory is not null)
        {
            DisposeTorchMemory();
        }

        _torchMemory = torch.zeros(Length).DetachFromDisposeScope();
        _torchBlocks = MlpBlocks.Select(b => _torchMemory.narrow(0, b.Offset, b.Length)).ToArray();
    }

    private void DisposeTorchMemory()
    {
        foreach (var block in _torchBlocks)
        {
            block.Dispose();
        }

        _torchMemory.Dispose();
    }

    // Two steps of each side from zero memory: the same entries kept (as sets) and the same memory left, so the two
    // benchmarks do the same work.
    private void CheckBothSidesAgree()
    {
        for (var step = 0; step < 2; step++)
        {
            var torchKept = new List<long>();
            using (var scope = torch.NewDisposeScope())
            {
                _torchMemory.add_(_torchGradient, alpha: StepSize);
                for (var b = 0; b < _torchBlocks.Length; b++)
                {
                    var (_, indices) = torch.topk(_torchBlocks[b].abs(), _blockK[b]);
                    _torchBlocks[b].index_fill_(0, indices, 0);
                    torchKept.AddRange(indices.data<long>().Select(i => i + MlpBlocks[b].Offset));
                }
            }

            var count = Ours();
            var ours = _payload.Indices.Take(count).Select(i => (long)i).ToHashSet();
            var torchMemory = _torchMemory.data<float>().ToArray();
            var ourMemory = _sparsifier.Memory(0);
            var sameMemory = ourMemory.Length == torchMemory.Length;
            for (var i = 0; sameMemory && i < torchMemory.Length; i++)
            {
                sameMemory = ourMemory[i] == torchMemory[i];
            }

            if (count != 4_071 || torchKept.Count != count || !ours.SetEquals(torchKept) || !sameMemory)
            {
                throw new InvalidOperationException(
                    $"Step {step}: ours kept {count}, torch {torchKept.Count}; same entries {ours.SetEquals(torchKept)}, " +
                    $"same memory {sameMemory}.");
            }
        }
    }

    /// <summary>The in-process toolchain applied to every job (the default one, or those given with --job).</summary>
    private sealed class InProcessForEveryJob : ManualConfig
    {
        public InProcessForEveryJob() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
    }
}
