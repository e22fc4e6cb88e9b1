using System.Buffers;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>LAQ's b-bit quantization (lossy): one float32 radius R = max |v|, then b bits per coordinate:
/// 4 + ceil(b d / 8) bytes. Decodes level l to -R + 2 tau R l, with tau = 1 / (2^b - 1).</summary>
/// <remarks>LAQ (Sun et al., 2019; code sunjunaimer/LAQ, docs/algorithms.md F) quantizes the innovation
/// v = g - q_prev: level = floor((v + R + tau R) / (2 tau R)), i.e. the nearest of 2^b points spanning [-R, R]. The
/// algorithm passes v as a dense payload and adds the decoded payload to its q_prev, on both ends.</remarks>
public sealed class LaqEncoding : IWireEncoding
{
    /// <summary>LAQ with <paramref name="bits"/> bits per coordinate (the LAQ paper uses 4, SLAQ 3).</summary>
    public LaqEncoding(int bits = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 16);
        Bits = bits;
    }

    /// <summary>Bits per coordinate.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public string Name => Bits == 4 ? "laq" : $"laq{Bits}";

    /// <inheritdoc/>
    public string Description => $"lossy: float32 radius + {Bits} bits per coordinate (4 + {Bits}d/8 bytes), as LAQ";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = QuantizedLayout.DenseValues(payload, Name);
        var radius = 0f;
        foreach (var value in values)
        {
            radius = MathF.Max(radius, MathF.Abs(float.CreateTruncating(value)));
        }

        var top = (1 << Bits) - 1;
        var step = 2.0 * radius / top;
        var levels = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var level = radius == 0 ? 0 : Math.Floor((double.CreateTruncating(values[i]) + radius + (step / 2)) / step);
                levels[i] = (int)Math.Clamp(level, 0, top);
            }

            return QuantizedLayout.Write(radius, levels.AsSpan(0, values.Length), Bits, ref buffer);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var top = (1 << Bits) - 1;
        QuantizedLayout.Read(bytes, payload, Bits, Name, (radius, level) => -radius + (2.0 * radius * level / top));
    }
}
