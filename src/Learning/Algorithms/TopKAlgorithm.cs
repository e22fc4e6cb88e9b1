using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Training;

namespace Sasg.Learning.Algorithms;

/// <summary>"Sparse": every worker uploads per-tensor top-k of alpha * g + e_m every iteration (error feedback);
/// theta^{k+1} = theta^k - sum_m c_m.</summary>
/// <remarks>The SASG paper's top-k baseline (docs/algorithms.md, C.2): top 1% per tensor, error feedback on.</remarks>
public sealed class TopKAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ErrorFeedbackSparsifier<T> _sparsifier;

    /// <summary>Creates the method; <paramref name="fraction"/> is the kept share per tensor (0.01 by default).</summary>
    public TopKAlgorithm(
        int workers, ReadOnlySpan<T> initial, double stepSize, IReadOnlyList<ParameterBlock> blocks, double fraction = 0.01)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _sparsifier = new ErrorFeedbackSparsifier<T>(workers, initial.Length, blocks, fraction);
    }

    /// <inheritdoc/>
    public override string Name => "Top-k";

    /// <inheritdoc/>
    public override PayloadKind UploadKind => PayloadKind.Sparse;

    /// <summary>Entries each upload keeps.</summary>
    public int KeptPerUpload => _sparsifier.KeptPerUpload;

    /// <inheritdoc/>
    protected override T MessageScale => T.One;

    /// <summary>Every worker uploads every iteration: no message is used twice.</summary>
    protected override bool ReusesMessages => false;

    /// <summary>Nothing in this method reads the iterate changes.</summary>
    protected override bool RecordsIterateChanges => false;

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + _sparsifier.AllocatedBytes;

    /// <summary>Worker <paramref name="worker"/>'s error memory.</summary>
    public ReadOnlySpan<T> Memory(int worker) => _sparsifier.Memory(worker);

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        _sparsifier.Compress(worker, T.CreateTruncating(StepSize), source.Gradient(Theta, Iteration), upload);
        return WorkerDecision.Upload;
    }
}
