using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>The layout shared by the quantized encodings: a float32 scale, then packed b-bit levels, one per
/// coordinate (<see cref="LevelPacking"/>).</summary>
internal static class QuantizedLayout
{
    /// <summary>The dense values of <paramref name="payload"/>; quantized encodings carry dense payloads only.</summary>
    public static ReadOnlySpan<T> DenseValues<T>(Payload<T> payload, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Kind != PayloadKind.Dense)
        {
            throw new NotSupportedException($"{name} quantizes dense payloads; use coo for sparse uploads.");
        }

        return payload.Values.AsSpan(0, payload.Dimension);
    }

    /// <summary>Writes the scale and the packed levels; returns the byte count, 4 + ceil(bits * d / 8).</summary>
    public static int Write(float scale, ReadOnlySpan<int> levels, int bits, ref byte[] buffer)
    {
        var length = 4 + LevelPacking.ByteCount(levels.Length, bits);
        WireBuffers.Ensure(ref buffer, length);
        BinaryPrimitives.WriteSingleLittleEndian(buffer, scale);
        LevelPacking.Pack(levels, bits, buffer.AsSpan(4, length - 4));
        return length;
    }

    /// <summary>Reads the scale and levels and writes the dequantized vector as a dense payload.</summary>
    public static void Read<T>(
        ReadOnlySpan<byte> bytes, Payload<T> payload, int bits, string name, Func<double, int, double> dequantize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var levels = ArrayPool<int>.Shared.Rent(payload.Dimension);
        try
        {
            var span = levels.AsSpan(0, payload.Dimension);
            var scale = ReadLevels(bytes, bits, name, span);
            var values = payload.SetDense();
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(dequantize(scale, span[i]));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>Reads the scale (returned) and the packed levels into <paramref name="levels"/>, one per
    /// coordinate.</summary>
    /// <exception cref="InvalidDataException">The scale is not finite and non-negative, or the levels have the wrong
    /// length or nonzero padding.</exception>
    public static float ReadLevels(ReadOnlySpan<byte> bytes, int bits, string name, Span<int> levels)
    {
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{name}: {bytes.Length} bytes, shorter than the float32 scale.");
        }

        var scale = BinaryPrimitives.ReadSingleLittleEndian(bytes);
        if (!float.IsFinite(scale) || scale < 0)
        {
            throw new InvalidDataException($"{name}: scale {scale} is not a finite non-negative number.");
        }

        try
        {
            LevelPacking.Unpack(bytes[4..], bits, levels);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }

        return scale;
    }
}
