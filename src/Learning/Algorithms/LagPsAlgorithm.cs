using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LAG-PS: the server asks worker m for a fresh gradient only if L_m^2 ||theta_hat_m - theta^k||^2 &gt; RHS^k.</summary>
/// <remarks>
/// Chen et al. 2018, rule (15a). The server stores each worker's last-upload iterate theta_hat_m and knows each L_m.
/// The authors' code uses xi_d = 1 (not 1/D) for this rule, the default here. Every worker is asked at k = 0.
/// Asked workers always upload; the server sends each a request message. With <c>codeFaithful</c>, the MATLAB code's
/// warm start instead: stored gradients start as all-ones vectors (stored iterates at theta^0), and for the first D
/// iterations no worker is asked and the server steps with those ones; the rule applies from k = D.
/// </remarks>
public sealed class LagPsAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TriggerThreshold _threshold;
    private readonly IReadOnlyList<double> _smoothness;
    // Each worker's last-upload iterate, made at its first upload; theta^0 until then.
    private readonly T[]?[] _lastUploadIterate;
    private readonly T[] _initial;
    private readonly int _warmUp;

    /// <summary>Creates LAG-PS with per-worker smoothness constants <paramref name="smoothness"/> (L_m); with
    /// <paramref name="codeFaithful"/>, the authors' all-ones warm start over the first <paramref name="warmUp"/>
    /// iterations (default D).</summary>
    public LagPsAlgorithm(
        int workers,
        ReadOnlySpan<T> initial,
        double stepSize,
        IReadOnlyList<double> smoothness,
        int window = 10,
        double xi = 1.0,
        bool codeFaithful = false,
        int? warmUp = null)
        : base(workers, initial, stepSize, window)
    {
        ArgumentNullException.ThrowIfNull(smoothness);
        if (smoothness.Count != workers)
        {
            throw new ArgumentException($"{smoothness.Count} smoothness constants for {workers} workers.", nameof(smoothness));
        }

        _smoothness = smoothness;
        _threshold = TriggerThreshold.Uniform(window, xi, stepSize, workers);
        _initial = initial.ToArray();
        _lastUploadIterate = new T[]?[workers];
        _warmUp = codeFaithful ? Math.Max(1, warmUp ?? window) : 0;
        if (codeFaithful)
        {
            var ones = new T[_initial.Length];
            ones.AsSpan().Fill(T.One);
            for (var m = 0; m < workers; m++)
            {
                Store(m, ones);
            }
        }
    }

    /// <inheritdoc/>
    public override string Name => "LAG-PS";

    /// <inheritdoc/>
    public override bool SendsRequests => true;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + BytesOf(_lastUploadIterate);

    /// <inheritdoc/>
    public override bool IsRequested(int worker)
    {
        if (Iteration < _warmUp)
        {
            return false;
        }

        if (Iteration == 0)
        {
            return true;
        }

        var lm = _smoothness[worker];
        return lm * lm * VectorMath.SquaredDistance<T>(_lastUploadIterate[worker] ?? _initial, Theta) > _threshold.Evaluate(History);
    }

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
        SetDenseGradient(upload, source);
        return WorkerDecision.Upload;
    }

    /// <inheritdoc/>
    protected override void OnReceived(int worker) => Theta.CopyTo(_lastUploadIterate[worker] ??= new T[Dimension], 0);
}
