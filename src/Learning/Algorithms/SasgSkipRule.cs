using System.Numerics;

namespace Sasg.Learning.Algorithms;

/// <summary>The skip rule of the SASG authors' code, shared by SASG and the LASG baseline of their repository: a
/// warm-up in which every worker uploads, then the same-sample test against S / (c * alpha * M^2) with a max delay.</summary>
/// <remarks>
/// docs/algorithms.md ("SASG"): for k below the warm-up (D by default) every worker uploads and its delay counter is
/// untouched; afterwards worker m evaluates its minibatch at theta^k and at theta_hat_m, its last-upload iterate, and
/// uploads if ||g(theta^k) - g(theta_hat_m)||^2 &gt; S / (c * alpha * M^2) or tau_m &gt; D, where S is the sum of the
/// last D - 1 squared iterate changes. An upload sets theta_hat_m = theta^k and tau_m = 1; a skip adds 1 to tau_m.
/// </remarks>
internal sealed class SasgSkipRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TriggerThreshold _threshold;
    private readonly int _maxDelay;
    private readonly int _warmUp;
    private UploadIterates<T> _lastUploadIterate;
    private readonly int[] _delay;
    private T[]? _oldGradient;

    /// <summary>The rule for <paramref name="workers"/> workers starting at <paramref name="initial"/>.</summary>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">alpha.</param>
    /// <param name="maxDelay">D: the window (D - 1 changes), the staleness bound and the default warm-up; at least 2.</param>
    /// <param name="divisor">c in S / (c alpha M^2).</param>
    /// <param name="warmUp">Iterations in which every worker uploads; null for D.</param>
    public SasgSkipRule(int workers, ReadOnlySpan<T> initial, double stepSize, int maxDelay, double divisor, int? warmUp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, 2);
        _warmUp = warmUp ?? maxDelay;
        ArgumentOutOfRangeException.ThrowIfNegative(_warmUp, nameof(warmUp));
        _threshold = TriggerThreshold.Uniform(maxDelay - 1, stepSize / divisor, stepSize, workers);
        _maxDelay = maxDelay;
        // After an upload at most maxDelay skips follow (maxDelay + 1 after the warm-up, whose uploads leave the delay
        // counter at 0), so theta_hat is read at most maxDelay + 2 iterations after it was stored.
        _lastUploadIterate = new UploadIterates<T>(workers, initial, (int)Math.Min((long)maxDelay + 2, int.MaxValue));
        _delay = new int[workers];
    }

    /// <summary>The bytes of the per-worker state allocated so far (last-upload iterates, delay counters).</summary>
    public long AllocatedBytes => _lastUploadIterate.AllocatedBytes + (4L * _delay.Length);

    /// <summary>The changes the algorithm's history must keep: D - 1.</summary>
    public static int HistoryLength(int maxDelay) => Math.Max(1, maxDelay - 1);

    /// <summary>Decides worker <paramref name="worker"/>'s step at iteration <paramref name="iteration"/> (the version
    /// of <paramref name="theta"/>), its own step number <paramref name="stepCount"/> (k in a synchronous run; the
    /// warm-up counts it); on an upload <paramref name="gradient"/> is the fresh gradient at <paramref name="theta"/>,
    /// now the worker's last-upload iterate.</summary>
    public bool Uploads(
        int worker, IGradientSource<T> source, T[] theta, int iteration, int stepCount, IterateHistory history, out ReadOnlySpan<T> gradient)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (stepCount >= _warmUp)
        {
            var oldGradient = StaleGradient(source, _lastUploadIterate, worker, ref _oldGradient);
            gradient = source.Gradient(theta, iteration);
            var innovation = VectorMath.SquaredDistance(gradient, oldGradient);
            if (!(innovation > _threshold.Evaluate(history)) && !(_delay[worker] > _maxDelay))
            {
                _delay[worker]++;
                gradient = default;
                return false;
            }

            _delay[worker] = 1;
        }
        else
        {
            gradient = source.Gradient(theta, iteration);
        }

        _lastUploadIterate.Uploaded(worker, iteration, theta);
        return true;
    }

    /// <summary>The gradient of the current batch at <paramref name="worker"/>'s stale iterate in
    /// <paramref name="iterates"/>, readable after the next gradient at the server's iterate: the source's own span
    /// when it keeps such gradients apart, else a copy in <paramref name="copy"/> (made at the first call that needs
    /// one).</summary>
    internal static ReadOnlySpan<T> StaleGradient(IGradientSource<T> source, UploadIterates<T> iterates, int worker, ref T[]? copy)
    {
        var gradient = source.GradientAtStale(iterates.Of(worker), iterates.StampOf(worker));
        if (source.KeepsUnversionedGradientApart)
        {
            return gradient;
        }

        gradient.CopyTo(copy ??= new T[gradient.Length]);
        return copy;
    }

    /// <summary>Makes every worker keep its own last-upload iterate, all now <paramref name="theta"/> (before any step
    /// under a time-driven protocol, where workers step at different iterates and a shared ring would not hold them).</summary>
    public void KeepIteratesPerWorker(int workers, ReadOnlySpan<T> theta) =>
        _lastUploadIterate = UploadIterates<T>.PerWorker(workers, theta);
}
