using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>Unsigned LEB128: seven bits per byte, least significant group first, high bit set on all but the last.</summary>
internal static class Varint
{
    /// <summary>The encoded length of <paramref name="value"/>: 1 to 5 bytes.</summary>
    public static int Length(uint value) => (BitOperations.Log2(value | 1) / 7) + 1;

    /// <summary>Writes <paramref name="value"/> at <paramref name="position"/> and advances it.</summary>
    public static void Write(Span<byte> destination, ref int position, uint value)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
    }

    /// <summary>Reads a value at <paramref name="position"/> and advances it.</summary>
    /// <exception cref="InvalidDataException">The bytes end inside the value, or it does not fit 32 bits.</exception>
    public static uint Read(ReadOnlySpan<byte> source, ref int position)
    {
        var value = 0u;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= source.Length)
            {
                throw new InvalidDataException("varint: the message ends inside a value.");
            }

            var next = source[position++];
            if (shift == 28 && next > 0x0F)
            {
                throw new InvalidDataException("varint: a value does not fit 32 bits.");
            }

            value |= (uint)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint: a value does not fit 32 bits.");
    }
}
