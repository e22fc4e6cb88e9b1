using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Training;

namespace Sasg.Learning.Algorithms;

/// <summary>SASG: LASG-WK2-style skipping with per-tensor top-k and error feedback; the server reuses a skipping
/// worker's last sparse message.</summary>
/// <remarks>
/// Deng, Li, Sun, Lu, arXiv 2112.04088, as the authors' simulation notebooks run it (docs/algorithms.md, C.1): all
/// workers upload in the first D iterations (the delay counter untouched); afterwards worker m uploads if
/// ||g(theta^k) - g(theta_hat_m)||^2 &gt; S / (c * alpha * M^2) or tau_m &gt; D, where S is the sum of the last D - 1
/// squared iterate changes and both gradients use the same minibatch. Upload: v = alpha g + e, c = TopK(v), e = v - c,
/// theta_hat_m = theta^k, tau_m = 1. Skip: tau_m += 1, e unchanged. Defaults: D = 10, c = 2 (MNIST notebook).
/// </remarks>
public sealed class SasgAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ErrorFeedbackSparsifier<T> _sparsifier;
    private readonly SasgSkipRule<T> _rule;

    /// <summary>Creates SASG.</summary>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">alpha (the SASG code's per-worker lr on the summed update).</param>
    /// <param name="blocks">The model's parameter tensors (top-k is per tensor).</param>
    /// <param name="fraction">Kept share per tensor.</param>
    /// <param name="maxDelay">D: the warm-up length, the window (D - 1 changes) and the staleness bound.</param>
    /// <param name="divisor">c in S / (c alpha M^2); 2 in the MNIST notebook, 1 in the CIFAR ones.</param>
    /// <param name="warmUp">Iterations in which every worker uploads before the rule applies; default D (the code's).</param>
    public SasgAlgorithm(
        int workers,
        ReadOnlySpan<T> initial,
        double stepSize,
        IReadOnlyList<ParameterBlock> blocks,
        double fraction = 0.01,
        int maxDelay = 10,
        double divisor = 2.0,
        int? warmUp = null)
        : base(workers, initial, stepSize, SasgSkipRule<T>.HistoryLength(maxDelay))
    {
        _rule = new SasgSkipRule<T>(workers, initial, stepSize, maxDelay, divisor, warmUp);
        _sparsifier = new ErrorFeedbackSparsifier<T>(workers, initial.Length, blocks, fraction);
    }

    /// <inheritdoc/>
    public override string Name => "SASG";

    /// <inheritdoc/>
    internal override bool RuleReadsHistory => true;

    /// <inheritdoc/>
    public override PayloadKind UploadKind => PayloadKind.Sparse;

    /// <summary>Entries each upload keeps.</summary>
    public int KeptPerUpload => _sparsifier.KeptPerUpload;

    /// <inheritdoc/>
    protected override T MessageScale => T.One;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + _rule.AllocatedBytes + _sparsifier.AllocatedBytes;

    /// <summary>Worker <paramref name="worker"/>'s error memory.</summary>
    public ReadOnlySpan<T> Memory(int worker) => _sparsifier.Memory(worker);

    /// <summary>Workers step at different iterates: each keeps its own last-upload iterate.</summary>
    protected override void OnTimedProtocol() => _rule.KeepIteratesPerWorker(Workers, Theta);

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        if (!_rule.Uploads(worker, source, Theta, Iteration, StepCount, StepHistory, out var gradient))
        {
            return WorkerDecision.Skip;
        }

        _sparsifier.Compress(worker, T.CreateTruncating(StepSize), gradient, upload);
        return WorkerDecision.Upload;
    }
}
