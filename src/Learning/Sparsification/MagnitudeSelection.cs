using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
internal static partial class MagnitudeSelection<TKey>
    where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>
{
    /// <summary>Vectors shorter than this go straight to the radix selection.</summary>
    internal const int SamplingMinimumLength = 32_768;

    /// <summary>The number of keys sampled to estimate the threshold.</summary>
    internal const int SampleSize = 2_048;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

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
