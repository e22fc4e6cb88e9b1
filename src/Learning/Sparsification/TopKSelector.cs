using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Sasg.Learning.Encoding;
using Sasg.Learning.Training;

namespace Sasg.Learning.Sparsification;

/// <summary>Exact top-k by magnitude: the k coordinates of largest |v|, ties broken by the lower index, returned in
/// ascending index order.</summary>
/// <remarks>
/// <para>NaN ranks above every number, +inf included, and all NaNs tie (the lower index wins), as torch.topk ranks
/// NaN; -0 and +0 are equal magnitudes.</para>
/// <para>The selection works on the IEEE bit patterns (see <see cref="MagnitudeSelection{TKey}"/>): no sort, no
/// comparison delegate, and no allocation once the calling thread's scratch buffers have grown.</para>
/// </remarks>
public static class TopKSelector
{
    /// <summary>The kept fraction of SASG (h = 0.01: the top 1% of each parameter tensor).</summary>
    public const double SasgFraction = 0.01;

    /// <summary>The per-tensor k of the SASG code: max(1, floor(fraction * length)), or 0 for an empty tensor.</summary>
    public static int KFor(int length, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!(fraction > 0) || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The kept fraction must be in (0, 1].");
        }

        return length == 0 ? 0 : Math.Max(1, (int)Math.Floor(fraction * length));
    }

    /// <summary>Writes the indices of the <paramref name="k"/> largest |values| into <paramref name="indices"/>
    /// (ascending); returns k.</summary>
    public static int Select<T>(ReadOnlySpan<T> values, int k, Span<int> indices)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, values.Length);
        if (indices.Length < k)
        {
            throw new ArgumentException($"Room for {indices.Length} indices, need {k}.", nameof(indices));
        }

        if (k == 0)
        {
            return 0;
        }

        if (k == values.Length)
        {
            for (var i = 0; i < k; i++)
            {
                indices[i] = i;
            }

            return k;
        }

        if (typeof(T) == typeof(float))
        {
            MagnitudeSelection<int>.Select(MemoryMarshal.Cast<T, int>(values), k, indices);
        }
        else if (typeof(T) == typeof(double))
        {
            MagnitudeSelection<long>.Select(MemoryMarshal.Cast<T, long>(values), k, indices);
        }
        else
        {
            SelectWidened(values, k, indices);
        }

        return k;
    }

    /// <summary>Per-tensor top-k as SASG sparsifies: for each block, the <see cref="KFor"/>(length,
    /// <paramref name="fraction"/>) coordinates of largest |v| in that block; writes them into <paramref name="into"/>
    /// as a sparse payload (global indices ascending, values taken from <paramref name="vector"/>); returns the number
    /// of kept entries.</summary>
    /// <remarks>SASG code (see docs/algorithms.md, C.2): <c>k_l = max(1, floor(0.01 numel_l))</c> per parameter tensor,
    /// chosen by |value| with torch.topk; the 784-512-10 MLP keeps 4,014 + 5 + 51 + 1 = 4,071 of 407,050.</remarks>
    /// <exception cref="ArgumentException">The payload's dimension is not the vector's length, or the blocks are not
    /// ascending, disjoint slices of the vector.</exception>
    public static int SelectPerBlock<T>(
        ReadOnlySpan<T> vector, IReadOnlyList<ParameterBlock> blocks, double fraction, Payload<T> into)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(into);
        if (into.Dimension != vector.Length)
        {
            throw new ArgumentException($"The payload has dimension {into.Dimension}, not {vector.Length}.", nameof(into));
        }

        var total = 0;
        var end = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            if (block.Offset < end || block.Length < 0 || block.Offset > vector.Length - block.Length)
            {
                throw new ArgumentException(
                    $"Block '{block.Name}' ({block.Offset}, {block.Length}) is not an ascending, disjoint slice of " +
                    $"a vector of {vector.Length}.", nameof(blocks));
            }

            end = block.Offset + block.Length;
            total += KFor(block.Length, fraction);
        }

        into.SetSparse(total, out var indices, out var values);
        var position = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            var slice = vector.Slice(block.Offset, block.Length);
            var kept = indices.Slice(position, KFor(block.Length, fraction));
            Select(slice, kept.Length, kept);
            for (var i = 0; i < kept.Length; i++)
            {
                values[position + i] = slice[kept[i]];
                kept[i] += block.Offset;
            }

            position += kept.Length;
        }

        return total;
    }

    /// <summary>Per-tensor top-k with SASG's fraction (<see cref="SasgFraction"/>); see
    /// <see cref="SelectPerBlock{T}(ReadOnlySpan{T}, IReadOnlyList{ParameterBlock}, double, Payload{T})"/>.</summary>
    public static int SelectPerBlock<T>(ReadOnlySpan<T> vector, IReadOnlyList<ParameterBlock> blocks, Payload<T> into)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SelectPerBlock(vector, blocks, SasgFraction, into);

    /// <summary>Other IEEE types (Half, NFloat): widening to float64 is exact and keeps the magnitude order and NaNs.</summary>
    private static void SelectWidened<T>(ReadOnlySpan<T> values, int k, Span<int> indices)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var widened = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                widened[i] = double.CreateTruncating(values[i]);
            }

            var bits = MemoryMarshal.Cast<double, long>(widened.AsSpan(0, values.Length));
            MagnitudeSelection<long>.Select(bits, k, indices);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(widened);
        }
    }
}
