using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sasg.Learning.Sparsification;

/// <summary>Exact top-k over the IEEE bit patterns of a float32 (<c>int</c> keys) or float64 (<c>long</c> keys)
/// vector: the engine behind <see cref="TopKSelector"/>.</summary>
/// <remarks>
/// <para>The magnitude key of a value is its bit pattern with the sign bit cleared. For IEEE binary formats this
/// integer is monotone in |v| (+0 and -0 share key 0, +inf is the largest finite-or-infinite key), and every NaN has a
/// larger key than +inf. Keys are clamped to <c>inf + 1</c>, so all NaNs share one key: a NaN ranks above every
/// number, and NaNs tie with each other (the lower index wins).</para>
/// <para>Large vectors take the sampling path: a stratified sample of <see cref="SampleSize"/> keys gives a threshold
/// a little below the k-th largest; one vectorised pass collects every coordinate at or above it (indices ascending,
/// with their keys); a radix selection among those candidates finds the exact k-th largest key. If fewer than k
/// coordinates reach the threshold, or far more than expected do (heavy ties, adversarial data), the radix selection
/// runs on the whole vector instead. Both paths return the same, exact answer.</para>
/// <para>Scratch buffers are per thread and grow only, so steady-state calls allocate nothing.</para>
/// </remarks>
/// <typeparam name="TKey"><c>int</c> for float32 bit patterns, <c>long</c> for float64.</typeparam>
internal static class MagnitudeSelection<TKey>
    where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>
{
    /// <summary>Vectors shorter than this go straight to the radix selection.</summary>
    internal const int SamplingMinimumLength = 32_768;

    /// <summary>The number of keys sampled to estimate the threshold.</summary>
    internal const int SampleSize = 2_048;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

    /// <summary>See <see cref="BuildPackTable"/>.</summary>
    private static readonly Vector256<int>[] PackTable = BuildPackTable();

    [ThreadStatic]
    private static TKey[]? _keys;

    [ThreadStatic]
    private static TKey[]? _work;

    [ThreadStatic]
    private static int[]? _candidates;

    [ThreadStatic]
    private static int[]? _histogram;

    /// <summary>Clearing the sign bit of the pattern: int.MaxValue or long.MaxValue.</summary>
    private static readonly TKey AbsMask = TKey.CreateTruncating(-1) >>> 1;

    /// <summary>The key every NaN is clamped to: one above the key of +inf.</summary>
    private static readonly TKey NaNKey = typeof(TKey) == typeof(int)
        ? TKey.CreateTruncating(BitConverter.SingleToInt32Bits(float.PositiveInfinity) + 1)
        : TKey.CreateTruncating(BitConverter.DoubleToInt64Bits(double.PositiveInfinity) + 1);

    /// <summary>Writes the ascending indices of the <paramref name="k"/> largest magnitudes of the values whose bit
    /// patterns are <paramref name="bits"/>; requires 0 &lt; k &lt; bits.Length.</summary>
    public static void Select(ReadOnlySpan<TKey> bits, int k, Span<int> indices)
    {
        if (bits.Length >= SamplingMinimumLength && k <= bits.Length / 16 && TrySelectBySampling(bits, k, indices))
        {
            return;
        }

        var threshold = Threshold(bits, k, out var ties);
        Collect(bits, threshold, ties, indices);
    }

    /// <summary>The canonical magnitude key of one bit pattern.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TKey KeyOf(TKey pattern) => TKey.Min(pattern & AbsMask, NaNKey);

    /// <summary>The sampling path; false (and nothing written) when its threshold estimate misses.</summary>
    internal static bool TrySelectBySampling(ReadOnlySpan<TKey> bits, int k, Span<int> indices)
    {
        var n = bits.Length;
        var sample = Rent(ref _keys, SampleSize);

        // Stratified sampling: one pseudo-random coordinate from each of SampleSize equal strata, so that the sample
        // covers the whole vector and periodic structure (rows of a weight matrix) cannot bias it systematically.
        var stratum = n / SampleSize;
        var state = 0x9E3779B9u;
        for (var j = 0; j < SampleSize; j++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            sample[j] = KeyOf(bits[(j * stratum) + (int)(state % (uint)stratum)]);
        }

        // Aim below the k-th largest: the expected sample rank plus about three standard deviations, so that the
        // candidates hold at least k coordinates with overwhelming probability.
        var expectedRank = (double)k * SampleSize / n;
        var rank = (int)Math.Ceiling(expectedRank + (3 * Math.Sqrt(expectedRank)) + 4);
        if (rank > SampleSize)
        {
            return false;
        }

        var low = Threshold(sample.AsSpan(0, SampleSize), rank, out _);
        var capacity = (int)Math.Min(n, Math.Max(2L * k, 2L * rank * stratum) + 64);
        var candidates = Rent(ref _candidates, capacity);
        var keys = Rent(ref _keys, capacity);
        var count = typeof(TKey) != typeof(int) ? Gather(bits, low, candidates, keys)
            : Avx512F.IsSupported ? GatherCompressed(MemoryMarshal.Cast<TKey, int>(bits), int.CreateTruncating(low), candidates, MemoryMarshal.Cast<TKey, int>(keys.AsSpan()))
            : Avx2.IsSupported ? GatherPacked(MemoryMarshal.Cast<TKey, int>(bits), int.CreateTruncating(low), candidates, MemoryMarshal.Cast<TKey, int>(keys.AsSpan()))
            : Gather(bits, low, candidates, keys);
        var high = count > 0 ? Max(keys.AsSpan(0, count)) : low;
        if (count < k)
        {
            return false;
        }

        // Every coordinate whose key is >= low is a candidate and there are at least k of them, so the k-th largest
        // key of the vector is >= low, and all its ties are candidates too: selecting among candidates is exact. The
        // candidates' keys span [low, high], so the radix digits start at the top bit of high - low.
        var threshold = Threshold(keys.AsSpan(0, count), k, out var ties, low, high);
        if (typeof(TKey) == typeof(int) && Avx512F.IsSupported)
        {
            KeepCompressed(candidates, MemoryMarshal.Cast<TKey, int>(keys.AsSpan(0, count)), int.CreateTruncating(threshold), ties, indices[..k]);
        }
        else
        {
            Keep(candidates, keys.AsSpan(0, count), threshold, ties, indices[..k]);
        }

        return true;
    }

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

        return GatherTail(bits, i, low, candidates, keys, count, room + Vector256<int>.Count);
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

        return GatherTail(bits, i, low, candidates, keys, count, room + Vector512<int>.Count);
    }

    // The scalar end of the vectorised gathers, from i on, with count candidates so far and room for capacity.
    private static int GatherTail(ReadOnlySpan<int> bits, int i, int low, int[] candidates, Span<int> keys, int count, int capacity)
    {
        for (; i < bits.Length; i++)
        {
            var key = int.Min(bits[i] & int.MaxValue, int.CreateTruncating(NaNKey));
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

    /// <summary>Writes, in index order, every coordinate with key &gt; <paramref name="threshold"/> and the first
    /// <paramref name="ties"/> with key == threshold.</summary>
    private static void Collect(ReadOnlySpan<TKey> bits, TKey threshold, int ties, Span<int> indices)
    {
        var written = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            var key = KeyOf(bits[i]);
            if (key > threshold || (key == threshold && ties-- > 0))
            {
                indices[written++] = i;
            }
        }
    }

    /// <summary>The k-th largest key of <paramref name="bits"/> (canonicalised on read), by most-significant-digit
    /// radix selection; <paramref name="ties"/> is how many coordinates equal to it belong to the top k.</summary>
    /// <remarks>The first pass histograms the whole input; each following pass works on the keys of the chosen
    /// bucket only, compacted into a scratch buffer. Given bounds (every key is in [<paramref name="floor"/>,
    /// <paramref name="ceiling"/>]), the digits are those of key - floor, from the top bit of ceiling - floor: keys
    /// gathered above a threshold share their high bits, and would otherwise crowd a few buckets of each pass.</remarks>
    private static TKey Threshold(ReadOnlySpan<TKey> bits, int k, out int ties, TKey floor = default, TKey? ceiling = null)
    {
        var histogram = Rent(ref _histogram, Buckets);
        var width = BitWidth((ceiling ?? NaNKey) - floor);
        var shift = Math.Max(0, width - DigitBits);
        var prefix = TKey.Zero;
        var remaining = k;

        histogram.AsSpan(0, 1 << (width - shift)).Clear();
        foreach (var pattern in bits)
        {
            histogram[int.CreateTruncating((KeyOf(pattern) - floor) >>> shift)]++;
        }

        var bucket = Descend(histogram, (1 << (width - shift)) - 1, ref remaining);
        var size = histogram[bucket];
        prefix = TKey.CreateTruncating(bucket) << shift;
        var work = Rent(ref _work, size);
        var written = 0;
        foreach (var pattern in bits)
        {
            var key = KeyOf(pattern) - floor;
            if (key >>> shift == TKey.CreateTruncating(bucket))
            {
                work[written++] = key;
            }
        }

        while (shift > 0)
        {
            var digitBits = Math.Min(DigitBits, shift);
            shift -= digitBits;
            var digitMask = (1 << digitBits) - 1;
            histogram.AsSpan(0, 1 << digitBits).Clear();
            var keys = work.AsSpan(0, size);
            foreach (var key in keys)
            {
                histogram[int.CreateTruncating(key >>> shift) & digitMask]++;
            }

            bucket = Descend(histogram, digitMask, ref remaining);
            var next = histogram[bucket];
            prefix |= TKey.CreateTruncating(bucket) << shift;
            if (next != size)
            {
                // In-place compaction: the write position never passes the read position.
                written = 0;
                foreach (var key in keys)
                {
                    if ((int.CreateTruncating(key >>> shift) & digitMask) == bucket)
                    {
                        work[written++] = key;
                    }
                }

                size = next;
            }
        }

        ties = remaining;
        return prefix + floor;
    }

    /// <summary>The largest of some canonical keys.</summary>
    private static TKey Max(ReadOnlySpan<TKey> keys)
    {
        var max = keys[0];
        foreach (var key in keys)
        {
            max = TKey.Max(max, key);
        }

        return max;
    }

    /// <summary>The number of bits of a non-negative key (0 for 0).</summary>
    private static int BitWidth(TKey value) => value == TKey.Zero ? 0 : int.CreateTruncating(TKey.Log2(value)) + 1;

    /// <summary>Walks buckets from the top; returns the bucket holding the <paramref name="remaining"/>-th largest and
    /// leaves in <paramref name="remaining"/> its rank inside that bucket.</summary>
    private static int Descend(int[] histogram, int top, ref int remaining)
    {
        var bucket = top;
        while (histogram[bucket] < remaining)
        {
            remaining -= histogram[bucket];
            bucket--;
        }

        return bucket;
    }

    private static T[] Rent<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new T[Math.Max(length, (buffer?.Length ?? 0) * 2)];
        }

        return buffer;
    }
}
