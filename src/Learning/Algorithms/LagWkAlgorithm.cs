using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LAG-WK: worker m uploads only if ||grad L_m(theta^k) - grad L_m(theta_hat_m)||^2 &gt; RHS^k.</summary>
/// <remarks>
/// Chen, Giannakis, Sun, Yin, "LAG: Lazily Aggregated Gradient", NeurIPS 2018, rule (15b); the comparison is the
/// authors' code's strict "&gt;". Defaults: D = 10, xi_d = 1/D. This is the "clean" start: every worker uploads at
/// k = 0 and the rule applies from k = 1 with the history available (docs/algorithms.md, A.3). With
/// <c>codeFaithful</c>, the MATLAB code's warm start instead: stored gradients start as all-ones vectors, and for the
/// first D iterations no worker is asked, nothing is uploaded and the server steps with those ones.
/// </remarks>
public sealed class LagWkAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TriggerThreshold _threshold;
    // Each worker's last uploaded gradient, made at its first upload; until then zeros (clean start) or the ones of
    // the code-faithful start.
    private readonly T[]?[] _lastUploaded;
    private readonly T[] _notUploaded;
    private readonly int _warmUp;

    /// <summary>Creates LAG-WK with window <paramref name="window"/> and weights xi_d = <paramref name="xi"/>; with
    /// <paramref name="codeFaithful"/>, the authors' all-ones warm start over the first <paramref name="warmUp"/>
    /// iterations (default D).</summary>
    public LagWkAlgorithm(
        int workers,
        ReadOnlySpan<T> initial,
        double stepSize,
        int window = 10,
        double? xi = null,
        bool codeFaithful = false,
        int? warmUp = null)
        : base(workers, initial, stepSize, window)
    {
        _threshold = TriggerThreshold.Uniform(window, xi ?? 1.0 / window, stepSize, workers);
        _lastUploaded = new T[]?[workers];
        _notUploaded = new T[initial.Length];
        _warmUp = codeFaithful ? Math.Max(1, warmUp ?? window) : 0;
        if (codeFaithful)
        {
            _notUploaded.AsSpan().Fill(T.One);
            for (var m = 0; m < workers; m++)
            {
                Store(m, _notUploaded);
            }
        }
    }

    /// <inheritdoc/>
    public override string Name => "LAG-WK";

    /// <summary>Code-faithful: the server asks nobody in the warm-up.</summary>
    public override bool HasServerSideSelection => _warmUp > 0;

    /// <inheritdoc/>
    internal override bool RuleReadsHistory => true;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + BytesOf(_lastUploaded);

    /// <summary>Every worker computes, except during the code-faithful warm-up.</summary>
    public override bool IsRequested(int worker) => Iteration >= _warmUp;

    /// <summary>Code-faithful: the MATLAB counter starts at 1 (<c>comm_iter = 1</c>).</summary>
    public override long InitialCountedUploads => _warmUp > 0 ? 1 : 0;

    /// <summary>Code-faithful: an iteration in which nobody uploads still counts 1 when the code's 1-based iteration
    /// (k + 1) is a multiple of 1000; otherwise the real uploads.</summary>
    public override int CountedUploads(int uploads) =>
        _warmUp > 0 && uploads == 0 && (Iteration + 1) % 1000 == 0 ? 1 : uploads;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        var gradient = source.Gradient(Theta, Iteration);
        if ((_warmUp > 0 || StepCount > 0) && !(VectorMath.SquaredDistance(gradient, _lastUploaded[worker] ?? _notUploaded) > _threshold.Evaluate(StepHistory)))
        {
            return WorkerDecision.Skip;
        }

        gradient.CopyTo(_lastUploaded[worker] ??= new T[Dimension]);
        SetDense(upload, gradient);
        return WorkerDecision.Upload;
    }
}
