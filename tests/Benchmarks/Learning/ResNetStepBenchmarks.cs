using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Sparsification;
using Sasg.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Benchmarks.Learning;

/// <summary>
/// One SASG worker step on the residual networks at batch 32 (issue 17, point 8): forward in training mode (batch norm
/// moves its running statistics), backward through autograd, the gradient copied into the flat vector
/// (<see cref="FlatModel{T}.ComputeGradient"/>), then per-tensor top 1 % with error feedback
/// (<see cref="ErrorFeedbackSparsifier{T}.Compress"/>), as a run does it; and the gradient alone, to show the share of
/// each part, the compression alone (on the gradient of one step), and the module's own autograd step and forward pass without the flat vector. The peer is <c>tools/scripts/resnet-step-torch.py</c>, the same step in Debian's PyTorch.
/// </summary>
/// <remarks>
/// Random [32, 3, 32, 32] images with labels 0..9 (no CIFAR reader needed), float32, libtorch on one thread as
/// <c>sasg run</c> sets it (<c>ExperimentDriver</c>). In-process, as the other learning benchmarks, with every job.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(InProcessForEveryJob))]
public class ResNetStepBenchmarks
{
    private const int BatchSize = 32;
    private const float StepSize = 0.01f;

    private FlatModel<float> _model = null!;
    private SupervisedModel _module = null!;
    private Tensor _x = null!;
    private Tensor _y = null!;
    private ErrorFeedbackSparsifier<float> _sparsifier = null!;
    private Payload<float> _payload = null!;

    /// <summary>The network: "resnet20" or "resnet18".</summary>
    [Params("resnet20", "resnet18")]
    public string Model { get; set; } = "resnet20";

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        Console.WriteLine($"// torch threads: {torch.get_num_threads()}");
        torch.manual_seed(1);
        _model = new FlatModel<float>(Create());
        torch.manual_seed(1);
        _module = Create();
        using var generator = new Generator(2);
        _x = torch.randn([BatchSize, 3, 32, 32], generator: generator).DetachFromDisposeScope();
        _y = torch.randint(10, [BatchSize], generator: generator).DetachFromDisposeScope();
        _sparsifier = new ErrorFeedbackSparsifier<float>(1, _model.Length, _model.Blocks, TopKSelector.SasgFraction);
        _payload = new Payload<float>(_model.Length);
        _model.ComputeGradient(new Batch(_x, _y));
        Console.WriteLine($"// {Model}: {_model.Length} parameters in {_model.Blocks.Count} tensors");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
        _model.Dispose();
        _module.Dispose();
    }

    [Benchmark(Baseline = true, Description = "worker step: ComputeGradient + ErrorFeedbackSparsifier.Compress")]
    public int Step()
    {
        _model.ComputeGradient(new Batch(_x, _y));
        _sparsifier.Compress(0, StepSize, _model.Gradient, _payload);
        return _payload.Count;
    }

    [Benchmark(Description = "gradient only: FlatModel.ComputeGradient")]
    public double Gradient() => _model.ComputeGradient(new Batch(_x, _y));

    [Benchmark(Description = "top-k with error feedback alone: Compress")]
    public int Compress()
    {
        _sparsifier.Compress(0, StepSize, _model.Gradient, _payload);
        return _payload.Count;
    }

    [Benchmark(Description = "module alone: zero_grad, forward, cross_entropy, backward")]
    public void Module()
    {
        using var scope = torch.NewDisposeScope();
        _module.zero_grad(set_to_none: true);
        _module.Loss(_module.call(_x), _y).backward();
    }

    [Benchmark(Description = "forward alone, no_grad, training mode")]
    public void Forward()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _module.call(_x);
    }

    private SupervisedModel Create() => Model == "resnet18" ? new ResNet18() : new ResNet20();

    /// <summary>The in-process toolchain applied to every job (the default one, or those given with --job).</summary>
    private sealed class InProcessForEveryJob : ManualConfig
    {
        public InProcessForEveryJob() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
    }
}
