using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LASG as the SASG authors' code runs it (their "LASG" baseline): SASG's skip rule with dense uploads of
/// alpha * g and no error feedback; the server reuses a skipping worker's last message.</summary>
/// <remarks>
/// Deng, Li, Sun, Lu, arXiv 2112.04088, the LASG cell of the authors' MNIST notebook (docs/algorithms.md, "LASG as the
/// SASG code runs it"): the same-sample test of LASG-WK2 with SASG's threshold S / (c * alpha * M^2) over the last
/// D - 1 squared changes, strict "&gt;", a forced upload when tau_m &gt; D and a warm-up of D iterations in which
/// every worker uploads. It differs from <see cref="LasgWk2Algorithm{T}"/> (the LASG paper's code: "&gt;=", xi = 1/D
/// over D changes, no warm-up, delay bound 50) in everything but the test, and equals SASG with a kept fraction of 1.
/// </remarks>
public sealed class LasgSasgCodeAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SasgSkipRule<T> _rule;

    /// <summary>Creates the method.</summary>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">alpha (the SASG code's per-worker lr on the summed update).</param>
    /// <param name="maxDelay">D: the warm-up length, the window (D - 1 changes) and the staleness bound.</param>
    /// <param name="divisor">c in S / (c alpha M^2); 2 in the MNIST notebook, 1 in the CIFAR ones.</param>
    /// <param name="warmUp">Iterations in which every worker uploads before the rule applies; default D (the code's).</param>
    public LasgSasgCodeAlgorithm(
        int workers, ReadOnlySpan<T> initial, double stepSize, int maxDelay = 10, double divisor = 2.0, int? warmUp = null)
        : base(workers, initial, stepSize, SasgSkipRule<T>.HistoryLength(maxDelay))
    {
        _rule = new SasgSkipRule<T>(workers, initial, stepSize, maxDelay, divisor, warmUp);
    }

    /// <inheritdoc/>
    public override string Name => "LASG-SASG";

    /// <inheritdoc/>
    internal override bool RuleReadsHistory => true;

    /// <summary>Workers step at different iterates: each keeps its own last-upload iterate.</summary>
    protected override void OnTimedProtocol() => _rule.KeepIteratesPerWorker(Workers, Theta);

    /// <inheritdoc/>
    protected override T MessageScale => T.One;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + _rule.AllocatedBytes;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!_rule.Uploads(worker, source, Theta, Iteration, StepCount, StepHistory, out var gradient))
        {
            return WorkerDecision.Skip;
        }

        // The code sends lr * grad, as SASG does before its top-k: 0 + alpha * g rounds as SASG's alpha * g + e with e = 0.
        VectorMath.ScaleFromZero(upload.SetDense(), T.CreateTruncating(StepSize), gradient);
        return WorkerDecision.Upload;
    }
}
