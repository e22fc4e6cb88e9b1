namespace Sasg.Learning.Encoding;

/// <summary>Packs unsigned b-bit levels (1 &lt;= b &lt;= 24) back to back, least significant bit first, into
/// ceil(b * count / 8) bytes; the padding bits of the last byte are zero.</summary>
public static class LevelPacking
{
    /// <summary>The packed size in bytes of <paramref name="count"/> levels of <paramref name="bits"/> bits.</summary>
    public static int ByteCount(int count, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 24);
        return checked((int)(((long)count * bits + 7) / 8));
    }

    /// <summary>Writes <paramref name="levels"/> (each below 2^bits) into the first
    /// <see cref="ByteCount"/> bytes of <paramref name="destination"/>.</summary>
    public static void Pack(ReadOnlySpan<int> levels, int bits, Span<byte> destination)
    {
        var length = ByteCount(levels.Length, bits);
        var output = destination[..length];
        var limit = 1u << bits;
        var accumulator = 0UL;
        var filled = 0;
        var position = 0;
        foreach (var level in levels)
        {
            if ((uint)level >= limit)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), level, $"A level does not fit {bits} bits.");
            }

            accumulator |= (ulong)level << filled;
            filled += bits;
            while (filled >= 8)
            {
                output[position++] = (byte)accumulator;
                accumulator >>= 8;
                filled -= 8;
            }
        }

        if (filled > 0)
        {
            output[position] = (byte)accumulator;
        }
    }

    /// <summary>Reads <paramref name="levels"/>.Length levels of <paramref name="bits"/> bits from
    /// <paramref name="source"/>, which must be exactly <see cref="ByteCount"/> bytes with zero padding.</summary>
    /// <exception cref="InvalidDataException">The source has the wrong length or nonzero padding.</exception>
    public static void Unpack(ReadOnlySpan<byte> source, int bits, Span<int> levels)
    {
        var length = ByteCount(levels.Length, bits);
        if (source.Length != length)
        {
            throw new InvalidDataException($"{source.Length} bytes for {levels.Length} levels of {bits} bits (need {length}).");
        }

        var mask = (1UL << bits) - 1;
        var accumulator = 0UL;
        var available = 0;
        var position = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            while (available < bits)
            {
                accumulator |= (ulong)source[position++] << available;
                available += 8;
            }

            levels[i] = (int)(accumulator & mask);
            accumulator >>= bits;
            available -= bits;
        }

        if (accumulator != 0)
        {
            throw new InvalidDataException("Nonzero padding bits after the last level.");
        }
    }
}
