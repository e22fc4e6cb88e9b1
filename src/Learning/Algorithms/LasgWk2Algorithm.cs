using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LASG-WK2: worker m evaluates its minibatch at theta^k and at its last-upload iterate theta_hat_m and uploads
/// if ||g(theta^k) - g(theta_hat_m)||^2 &gt;= RHS^k, or when its delay reaches the bound.</summary>
/// <remarks>
/// Chen, Sun, Yin, "LASG: Lazily aggregated stochastic gradients", arXiv 2002.11360, rule WK2, as the authors' code
/// has it (docs/algorithms.md, B.2): "&gt;=" so that every worker uploads at k = 0, D = 10 with xi_d = 1/D, no warm-up,
/// and a delay counter incremented before the check that forces an upload when it reaches the bound (default 50).
/// Dense uploads, no error feedback.
/// </remarks>
public sealed class LasgWk2Algorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TriggerThreshold _threshold;
    private readonly int _delayBound;
    private UploadIterates<T> _lastUploadIterate;
    private readonly int[] _delay;
    private T[]? _oldGradient;

    /// <summary>Creates LASG-WK2.</summary>
    public LasgWk2Algorithm(
        int workers, ReadOnlySpan<T> initial, double stepSize, int window = 10, double? xi = null, int delayBound = 50)
        : base(workers, initial, stepSize, window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delayBound, 1);
        _threshold = TriggerThreshold.Uniform(window, xi ?? 1.0 / window, stepSize, workers);
        _delayBound = delayBound;
        // A worker uploads at the latest when its counter reaches the bound: theta_hat is at most delayBound old.
        _lastUploadIterate = new UploadIterates<T>(workers, initial, delayBound);
        _delay = new int[workers];
    }

    /// <inheritdoc/>
    public override string Name => "LASG-WK2";

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + _lastUploadIterate.AllocatedBytes + (4L * _delay.Length);

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        var oldGradient = SasgSkipRule<T>.StaleGradient(source, _lastUploadIterate, worker, ref _oldGradient);
        var gradient = source.Gradient(Theta, Iteration);
        _delay[worker]++;
        var innovation = VectorMath.SquaredDistance(gradient, oldGradient);
        if (innovation >= _threshold.Evaluate(StepHistory) || _delay[worker] >= _delayBound)
        {
            _delay[worker] = 0;
            _lastUploadIterate.Uploaded(worker, Iteration, Theta);
            SetDense(upload, gradient);
            return WorkerDecision.Upload;
        }

        return WorkerDecision.Skip;
    }

    /// <inheritdoc/>
    internal override bool RuleReadsHistory => true;

    /// <summary>Workers step at different iterates: each keeps its own last-upload iterate.</summary>
    protected override void OnTimedProtocol() => _lastUploadIterate = UploadIterates<T>.PerWorker(Workers, Theta);
}
