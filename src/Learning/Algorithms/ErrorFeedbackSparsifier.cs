using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Sparsification;
using Sasg.Learning.Training;

namespace Sasg.Learning.Algorithms;

/// <summary>Per-tensor top-k with error feedback: v = alpha * g + e; c = TopK(v) per tensor; e = v - c.</summary>
/// <remarks>
/// Deng, Li, Sun, Lu, "SASG", arXiv 2112.04088, eqs. (8)-(9), and the authors' notebooks: k_l = max(1, floor(h * n_l))
/// per parameter tensor, chosen by |v|. The memory changes only when the worker uploads.
/// </remarks>
internal sealed class ErrorFeedbackSparsifier<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<ParameterBlock> _blocks;
    private readonly double _fraction;
    private readonly int _dimension;

    // Each worker's residual, made at its first upload (all zeros until then).
    private readonly T[]?[] _memory;

    public ErrorFeedbackSparsifier(int workers, int dimension, IReadOnlyList<ParameterBlock> blocks, double fraction)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Sum(b => b.Length) != dimension)
        {
            throw new ArgumentException($"The blocks cover {blocks.Sum(b => b.Length)} parameters, not {dimension}.", nameof(blocks));
        }

        _blocks = blocks;
        _fraction = fraction;
        _dimension = dimension;
        _memory = new T[]?[workers];
        KeptPerUpload = blocks.Sum(b => TopKSelector.KFor(b.Length, fraction));
    }

    /// <summary>Entries kept by every upload (sum over tensors of k_l).</summary>
    public int KeptPerUpload { get; }

    /// <summary>Worker <paramref name="worker"/>'s residual e_m.</summary>
    public ReadOnlySpan<T> Memory(int worker) => _memory[worker] ?? new T[_dimension];

    /// <summary>The bytes of the residuals allocated so far.</summary>
    public long AllocatedBytes => _memory.Sum(m => m is null ? 0L : (long)m.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>Builds the sparse message from <paramref name="gradient"/> and updates the worker's memory.</summary>
    /// <remarks>In place: the memory becomes v = alpha g + e, the selection copies the kept entries into the payload,
    /// and those entries of the memory are zeroed (e = v - c), with no pass over a separate buffer.</remarks>
    public void Compress(int worker, T stepSize, ReadOnlySpan<T> gradient, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var memory = _memory[worker] ??= new T[_dimension];
        VectorMath.ScaleAdd<T>(memory, stepSize, gradient, memory);
        var count = TopKSelector.SelectPerBlock<T>(memory, _blocks, _fraction, upload);
        var indices = upload.Indices;
        for (var i = 0; i < count; i++)
        {
            memory[indices[i]] = T.Zero;
        }
    }
}
