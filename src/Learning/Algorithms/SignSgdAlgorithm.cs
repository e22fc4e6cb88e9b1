using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>Sign-SGD with error feedback: v = alpha * g + e_m; c = (||v||_1 / d) sign(v); e_m = v - c; every worker
/// uploads every iteration and theta^{k+1} = theta^k - sum_m c_m.</summary>
/// <remarks>
/// EF-SignSGD (Karimireddy, Rebjock, Stich, Jaggi, "Error feedback fixes SignSGD", 2019). The worker computes the
/// message exactly as the <c>sign</c> encoding will decode it (the scale rounded to float32, +scale for v &gt;= 0), so
/// the memory holds exactly what the server did not get; the encoding then packs the ±scale vector losslessly.
/// </remarks>
public sealed class SignSgdAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly SignEncoding SignWire = new();
    // Each worker's residual, made when it first steps (zeros until then).
    private readonly T[]?[] _memory;
    private readonly T[] _corrected;

    /// <summary>Creates the method.</summary>
    public SignSgdAlgorithm(int workers, ReadOnlySpan<T> initial, double stepSize)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _memory = new T[]?[workers];
        _corrected = new T[initial.Length];
    }

    /// <inheritdoc/>
    public override string Name => "Sign-SGD";

    /// <inheritdoc/>
    public override IWireEncoding DefaultEncoding => SignWire;

    /// <inheritdoc/>
    protected override T MessageScale => T.One;

    /// <summary>Worker <paramref name="worker"/>'s error memory.</summary>
    public ReadOnlySpan<T> Memory(int worker) => _memory[worker] ?? new T[Dimension];

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + BytesOf(_memory);

    /// <summary>Paper bits: one per coordinate (the 32-bit scale is not counted, as LAQ counts b bits per value).</summary>
    public override long PaperBits(Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload.Dimension;
    }

    /// <summary>Nothing in this method reads the iterate changes.</summary>
    protected override bool RecordsIterateChanges => false;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(upload);
        var memory = _memory[worker] ??= new T[Dimension];
        VectorMath.ScaleAdd<T>(_corrected, T.CreateTruncating(StepSize), source.Gradient(Theta, Iteration), memory);

        // The scale as SignEncoding computes it: the mean |v| in double, rounded to the float32 it sends.
        var sum = 0.0;
        foreach (var value in _corrected)
        {
            sum += double.CreateTruncating(T.Abs(value));
        }

        var scale = T.CreateTruncating((double)(float)(_corrected.Length == 0 ? 0 : sum / _corrected.Length));
        var message = upload.SetDense();
        for (var i = 0; i < message.Length; i++)
        {
            message[i] = _corrected[i] < T.Zero ? -scale : scale;
            memory[i] = _corrected[i] - message[i];
        }

        return WorkerDecision.Upload;
    }
}
