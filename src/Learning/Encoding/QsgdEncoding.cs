using System.Buffers;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>QSGD-style quantization (lossy): one float32 norm ||v||_2, then per coordinate a sign bit above a level in
/// 0..s (<see cref="Levels"/>), packed at 1 + ceil(log2(s + 1)) bits: 4 + ceil(bits d / 8) bytes. Decodes to
/// sign * norm * level / s.</summary>
/// <remarks>QSGD (Alistarh et al., 2017) with fixed-width codes instead of Elias coding. QSGD rounds stochastically to
/// stay unbiased; this encoding rounds |v| / norm * s to the nearest level, deterministically. An algorithm that wants the
/// unbiased variant dithers before encoding (values already on the grid survive the rounding).</remarks>
public sealed class QsgdEncoding : IWireEncoding
{
    private readonly int _levelBits;

    /// <summary>QSGD with <paramref name="levels"/> magnitude levels s (default 7: 4 bits per coordinate).</summary>
    public QsgdEncoding(int levels = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, (1 << 15) - 1);
        Levels = levels;
        _levelBits = BitOperations.Log2((uint)levels) + 1;
    }

    /// <summary>The number of nonzero magnitude levels s.</summary>
    public int Levels { get; }

    /// <summary>Bits per coordinate: a sign bit plus the level.</summary>
    public int Bits => _levelBits + 1;

    /// <inheritdoc/>
    public string Name => Levels == 7 ? "qsgd" : $"qsgd{Levels}";

    /// <inheritdoc/>
    public string Description => $"lossy: float32 norm + sign and level 0..{Levels} in {Bits} bits per coordinate";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = QuantizedLayout.DenseValues(payload, Name);
        var squares = 0.0;
        foreach (var value in values)
        {
            var x = double.CreateTruncating(value);
            squares += x * x;
        }

        var norm = (float)Math.Sqrt(squares);
        var codes = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var x = double.CreateTruncating(values[i]);
                var level = norm == 0 ? 0 : (int)Math.Min(Levels, Math.Round(Math.Abs(x) / norm * Levels));
                codes[i] = ((x < 0 ? 1 : 0) << _levelBits) | level;
            }

            return QuantizedLayout.Write(norm, codes.AsSpan(0, values.Length), Bits, ref buffer);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var levelBits = _levelBits;
        var levels = Levels;
        var mask = (1 << levelBits) - 1;
        QuantizedLayout.Read(bytes, payload, Bits, Name, (norm, code) =>
        {
            var level = code & mask;
            if (level > levels)
            {
                throw new InvalidDataException($"qsgd: level {level} above s = {levels}.");
            }

            var magnitude = norm * level / levels;
            return (code >> levelBits) == 1 ? -magnitude : magnitude;
        });
    }
}
