using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sasg.Learning.Sparsification;

/// <summary>The passes of <see cref="MagnitudeSelection{TKey}"/> over a whole vector or its candidates, in a scalar form
/// and in AVX2 and AVX-512 forms that give the same results: gathering the coordinates at or above a bound, and keeping
/// the candidates above the threshold with its first ties.</summary>
internal static partial class MagnitudeSelection<TKey>
{
    /// <summary>See <see cref="BuildPackTable"/>.</summary>
    private static readonly Vector256<int>[] PackTable = BuildPackTable();

    /// <summary>Writes into <paramref name="indices"/> (length k) the candidates whose key is above
    /// <paramref name="threshold"/> and the first <paramref name="ties"/> whose key equals it, in candidate order.</summary>
    /// <remarks>About half the candidates are kept, at random: written without a branch, the write position advancing
    /// only for a kept one.</remarks>
    internal static void Keep(ReadOnlySpan<int> candidates, ReadOnlySpan<TKey> keys, TKey threshold, int ties, Span<int> indices)
    {
        var written = 0;
        for (var c = 0; c < keys.Length && written < indices.Length; c++)
        {
            var key = keys[c];
            var tie = key == threshold && ties > 0;
            indices[written] = candidates[c];
            written += (key > threshold) | tie ? 1 : 0;
            ties -= tie ? 1 : 0;
        }
    }

    /// <summary><see cref="Keep"/> for float32 keys with AVX-512: 16 candidates at a time, those above the threshold
    /// packed by one compress, while at least 16 places are left; a block that holds a key equal to the threshold while
    /// ties are still to be kept, and the end, go through <see cref="Keep"/>'s loop.</summary>
    internal static void KeepCompressed(ReadOnlySpan<int> candidates, ReadOnlySpan<int> keys, int threshold, int ties, Span<int> indices)
    {
        var k = indices.Length;
        var written = 0;
        var c = 0;
        var thresholds = Vector512.Create(threshold);
        ref var candidateRef = ref MemoryMarshal.GetReference(candidates);
        ref var keyRef = ref MemoryMarshal.GetReference(keys);
        ref var indexOut = ref MemoryMarshal.GetReference(indices);
        for (; c <= keys.Length - Vector512<int>.Count && written <= k - Vector512<int>.Count; c += Vector512<int>.Count)
        {
            var key = Vector512.LoadUnsafe(ref keyRef, (nuint)c);
            if (ties > 0 && Vector512.EqualsAny(key, thresholds))
            {
                for (var j = c; j < c + Vector512<int>.Count; j++)
                {
                    var tie = keys[j] == threshold && ties > 0;
                    indices[written] = candidates[j];
                    written += (keys[j] > threshold) | tie ? 1 : 0;
                    ties -= tie ? 1 : 0;
                }

                continue;
            }

            var above = Vector512.GreaterThan(key, thresholds);
            Avx512F.Compress(Vector512<int>.Zero, above, Vector512.LoadUnsafe(ref candidateRef, (nuint)c)).StoreUnsafe(ref indexOut, (nuint)written);
            written += BitOperations.PopCount(above.ExtractMostSignificantBits());
        }

        MagnitudeSelection<int>.Keep(candidates[c..], keys[c..], threshold, ties, indices[written..]);
    }

    /// <summary>Collects, in index order, every coordinate whose key is &gt;= <paramref name="low"/>; returns how many,
    /// or -1 when they do not fit.</summary>
    internal static int Gather(ReadOnlySpan<TKey> bits, TKey low, int[] candidates, TKey[] keys)
    {
        var count = 0;
        var capacity = Math.Min(candidates.Length, keys.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // For low <= NaNKey, KeyOf(b) >= low exactly when (b & AbsMask) >= low, so the clamp can wait for hits.
            var mask = Vector256.Create(AbsMask);
            var lows = Vector256.Create(low);
            ref var start = ref MemoryMarshal.GetReference(bits);
            var last = bits.Length - Vector256<TKey>.Count;
            for (; i <= last; i += Vector256<TKey>.Count)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)i) & mask;
                var hits = Vector256.GreaterThanOrEqual(block, lows).ExtractMostSignificantBits();
                while (hits != 0)
                {
                    if (count == capacity)
                    {
                        return -1;
                    }

                    var lane = BitOperations.TrailingZeroCount(hits);
                    hits &= hits - 1;
                    candidates[count] = i + lane;
                    keys[count++] = KeyOf(Unsafe.Add(ref start, i + lane));
                }
            }
        }

        return GatherTail(bits, i, low, candidates, keys, count, capacity);
    }

    /// <summary><see cref="Gather"/> for float32 keys with AVX2, without a branch per hit: each block of 8 keys is
    /// compared with <paramref name="low"/>, and its hits (indices and keys) are packed to the front by a permutation
    /// looked up from the comparison mask and stored whole, the count advancing by the number of hits.</summary>
    /// <remarks>A vector's hits are about 1 in 50 coordinates at random places, so <see cref="Gather"/>'s loop over them
    /// mispredicts its branch at about every sixth block; this takes 1.5 times less (see docs/benchmarks.md).</remarks>
    internal static int GatherPacked(ReadOnlySpan<int> bits, int low, int[] candidates, Span<int> keys)
    {
        // Every store writes 8 lanes, so the last full store must still fit.
        var room = Math.Min(candidates.Length, keys.Length) - Vector256<int>.Count;
        var count = 0;
        var i = 0;
        var mask = Vector256.Create(int.MaxValue);
        var lows = Vector256.Create(low);
        var nanKey = Vector256.Create(int.CreateTruncating(NaNKey));
        var index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var step = Vector256.Create(Vector256<int>.Count);
        var table = PackTable;
        ref var start = ref MemoryMarshal.GetReference(bits);
        ref var indexOut = ref MemoryMarshal.GetArrayDataReference(candidates);
        ref var keyOut = ref MemoryMarshal.GetReference(keys);
        var last = bits.Length - Vector256<int>.Count;
        for (; i <= last; i += Vector256<int>.Count)
        {
            if (count > room)
            {
                return -1;
            }

            // As in Gather: for low <= NaNKey, KeyOf(b) >= low exactly when (b & AbsMask) >= low.
            var block = Vector256.LoadUnsafe(ref start, (nuint)i) & mask;
            var hits = Vector256.GreaterThanOrEqual(block, lows).ExtractMostSignificantBits();
            var order = table[hits];
            Avx2.PermuteVar8x32(index, order).StoreUnsafe(ref indexOut, (nuint)count);
            Avx2.PermuteVar8x32(Vector256.Min(block, nanKey), order).StoreUnsafe(ref keyOut, (nuint)count);
            count += BitOperations.PopCount(hits);
            index += step;
        }

        return MagnitudeSelection<int>.GatherTail(bits, i, low, candidates, keys, count, room + Vector256<int>.Count);
    }

    /// <summary><see cref="GatherPacked"/> with AVX-512: 16 keys at a time, their hits packed by one compress each for
    /// indices and keys (the register form; the memory form is slow on some processors).</summary>
    internal static int GatherCompressed(ReadOnlySpan<int> bits, int low, int[] candidates, Span<int> keys)
    {
        // Every store writes 16 lanes, so the last full store must still fit.
        var room = Math.Min(candidates.Length, keys.Length) - Vector512<int>.Count;
        var count = 0;
        var i = 0;
        var mask = Vector512.Create(int.MaxValue);
        var lows = Vector512.Create(low);
        var nanKey = Vector512.Create(int.CreateTruncating(NaNKey));
        var index = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var step = Vector512.Create(Vector512<int>.Count);
        ref var start = ref MemoryMarshal.GetReference(bits);
        ref var indexOut = ref MemoryMarshal.GetArrayDataReference(candidates);
        ref var keyOut = ref MemoryMarshal.GetReference(keys);
        var last = bits.Length - Vector512<int>.Count;
        for (; i <= last; i += Vector512<int>.Count)
        {
            if (count > room)
            {
                return -1;
            }

            // As in Gather: for low <= NaNKey, KeyOf(b) >= low exactly when (b & AbsMask) >= low.
            var block = Vector512.LoadUnsafe(ref start, (nuint)i) & mask;
            var hits = Vector512.GreaterThanOrEqual(block, lows);
            Avx512F.Compress(Vector512<int>.Zero, hits, index).StoreUnsafe(ref indexOut, (nuint)count);
            Avx512F.Compress(Vector512<int>.Zero, hits, Vector512.Min(block, nanKey)).StoreUnsafe(ref keyOut, (nuint)count);
            count += BitOperations.PopCount(hits.ExtractMostSignificantBits());
            index += step;
        }

        return MagnitudeSelection<int>.GatherTail(bits, i, low, candidates, keys, count, room + Vector512<int>.Count);
    }

    // The scalar end of the gathers, from i on, with count candidates so far and room for capacity.
    private static int GatherTail(ReadOnlySpan<TKey> bits, int i, TKey low, int[] candidates, Span<TKey> keys, int count, int capacity)
    {
        for (; i < bits.Length; i++)
        {
            var key = KeyOf(bits[i]);
            if (key >= low)
            {
                if (count == capacity)
                {
                    return -1;
                }

                candidates[count] = i;
                keys[count++] = key;
            }
        }

        return count;
    }

    /// <summary>For each 8-bit comparison mask, the lanes of its set bits in ascending order (then zeros): the
    /// permutation that packs a block's hits to its front.</summary>
    private static Vector256<int>[] BuildPackTable()
    {
        var table = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[Vector256<int>.Count];
        for (var mask = 0; mask < table.Length; mask++)
        {
            lanes.Clear();
            var hits = 0;
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                if (((mask >> lane) & 1) != 0)
                {
                    lanes[hits++] = lane;
                }
            }

            table[mask] = Vector256.Create((ReadOnlySpan<int>)lanes);
        }

        return table;
    }
}
