using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LASG-PS: the server asks worker m for a fresh stochastic gradient only if
/// L_m^2 ||theta_hat_m - theta^k||^2 &gt;= RHS^k, or when m's delay reaches the bound.</summary>
/// <remarks>
/// Chen, Sun, Yin, arXiv 2002.11360, rule PS, as the authors' code has it (docs/algorithms.md, B.2): "&gt;=", so that
/// every worker is asked at k = 0 (0 &gt;= 0); D = 10 with xi_d = 1/D; the code's constant 0.1 plays the role of L_m^2
/// for every worker; a delay counter incremented before the check forces a request when it reaches the bound (50) and
/// resets on every request. Dense uploads.
/// </remarks>
public sealed class LasgPsAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The authors' code's stand-in for L_m^2.</summary>
    public const double CodeSquaredSmoothness = 0.1;

    private readonly TriggerThreshold _threshold;
    private readonly IReadOnlyList<double> _squaredSmoothness;
    private readonly int _delayBound;
    // Each worker's last-upload iterate, made at its first upload; theta^0 until then.
    private readonly T[]?[] _lastUploadIterate;
    private readonly T[] _initial;
    private readonly int[] _delay;

    /// <summary>Creates LASG-PS.</summary>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">alpha.</param>
    /// <param name="squaredSmoothness">L_m^2 per worker (the code: 0.1 for every worker).</param>
    /// <param name="window">D.</param>
    /// <param name="xi">xi_d for every d (default 1/D).</param>
    /// <param name="delayBound">The request is forced when the delay counter reaches this.</param>
    public LasgPsAlgorithm(
        int workers,
        ReadOnlySpan<T> initial,
        double stepSize,
        IReadOnlyList<double> squaredSmoothness,
        int window = 10,
        double? xi = null,
        int delayBound = 50)
        : base(workers, initial, stepSize, window)
    {
        ArgumentNullException.ThrowIfNull(squaredSmoothness);
        ArgumentOutOfRangeException.ThrowIfLessThan(delayBound, 1);
        if (squaredSmoothness.Count != workers || squaredSmoothness.Any(l => !(l >= 0)))
        {
            throw new ArgumentException($"LASG-PS needs {workers} non-negative L_m^2 values.", nameof(squaredSmoothness));
        }

        _squaredSmoothness = squaredSmoothness;
        _threshold = TriggerThreshold.Uniform(window, xi ?? 1.0 / window, stepSize, workers);
        _delayBound = delayBound;
        _initial = initial.ToArray();
        _lastUploadIterate = new T[]?[workers];
        _delay = new int[workers];
    }

    /// <inheritdoc/>
    public override string Name => "LASG-PS";

    /// <inheritdoc/>
    public override bool SendsRequests => true;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + BytesOf(_lastUploadIterate) + (4L * _delay.Length);

    /// <inheritdoc/>
    public override bool IsRequested(int worker)
    {
        _delay[worker]++;
        var drift = _squaredSmoothness[worker] * VectorMath.SquaredDistance<T>(_lastUploadIterate[worker] ?? _initial, Theta);
        if (drift >= _threshold.Evaluate(History) || _delay[worker] >= _delayBound)
        {
            _delay[worker] = 0;
            return true;
        }

        return false;
    }

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
