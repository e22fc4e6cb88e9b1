namespace Sasg.Learning.Randomness;

/// <summary>A small seeded generator (xoshiro256**) whose streams are identical on every .NET version and platform.</summary>
/// <remarks>
/// The state is filled from the seed with SplitMix64, as the xoshiro authors recommend (Blackman and Vigna,
/// "Scrambled linear pseudorandom number generators", 2021). Named sub-streams come from <see cref="Derive"/>, which
/// hashes (seed, name) so that a worker's or partitioner's stream depends only on the master seed and its name, never
/// on the order in which other streams were drawn. Not for cryptography.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates the stream for <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>The stream named <paramref name="name"/> under <paramref name="seed"/>.</summary>
    public static SeededRandom Create(ulong seed, string name) => new(Derive(seed, name));

    /// <summary>A child seed that depends only on <paramref name="seed"/> and <paramref name="name"/> (ordinal UTF-8).</summary>
    /// <remarks>FNV-1a over the name's UTF-8 bytes, mixed with the seed by two SplitMix64 finalisers.</remarks>
    public static ulong Derive(ulong seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        const ulong FnvOffset = 14695981039346656037UL;
        const ulong FnvPrime = 1099511628211UL;
        var hash = FnvOffset;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * FnvPrime;
        }

        var state = seed;
        var mixedSeed = SplitMix64(ref state);
        state = mixedSeed ^ hash;
        return SplitMix64(ref state);
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Lemire's multiply-and-reject: the high word of a 64x32 product, rejecting the biased low range.
        var range = (ulong)maxExclusive;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = (UInt128)NextUInt64() * range;
            if ((ulong)product >= threshold)
            {
                return (int)(ulong)(product >> 64);
            }
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1), never zero, for logarithms and powers.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 12) + 0.5) * (1.0 / (1UL << 52));

    /// <summary>A standard normal draw (Box-Muller; one of the pair is discarded so the stream stays stateless).</summary>
    public double NextGaussian()
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(NextOpenDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates, from the last element down).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The integers 0..<paramref name="count"/>-1 in a random order.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = i;
        }

        Shuffle(result.AsSpan());
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
