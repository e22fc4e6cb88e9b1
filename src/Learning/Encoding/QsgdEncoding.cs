using System.Buffers;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>QSGD-style quantization: one float32 scale (the value of one level, QSGD's ||g||_2 / s), then per
/// coordinate a sign bit above a level in 0..s (<see cref="Levels"/>), packed at 1 + ceil(log2(s + 1)) bits:
/// 4 + ceil(bits d / 8) bytes. Decodes to a quantized payload, sign * level * scale.</summary>
/// <remarks>
/// <para>QSGD (Alistarh et al., 2017) with fixed-width codes instead of Elias coding. The quantizing is the sender's:
/// a quantized payload (<see cref="Payload{T}.SetQuantized"/>, as <c>QsgdAlgorithm</c> sends its unbiased stochastic
/// Q_s(g)) is carried exactly, so the receiver decodes the sender's vector bit for bit. Its levels must lie in -s..s,
/// or <see cref="Encode{T}"/> throws <see cref="NotSupportedException"/>.</para>
/// <para>A plain dense payload (another method that names this encoding) is quantized here by its own norm: scale
/// ||v||_2 / s rounded to float32, level |v_i| / scale rounded to the nearest integer and capped at s. That is
/// deterministic and biased: a lossy compressor, not QSGD.</para>
/// </remarks>
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
    public string Description => $"lossy: float32 scale + sign and level 0..{Levels} in {Bits} bits per coordinate";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = QuantizedLayout.DenseValues(payload, Name);
        var codes = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            var span = codes.AsSpan(0, values.Length);
            float scale;
            if (payload.IsQuantized)
            {
                scale = payload.QuantizationScale;
                payload.Levels.AsSpan(0, values.Length).CopyTo(span);
            }
            else
            {
                scale = QuantizeByNorm(values, span);
            }

            for (var i = 0; i < span.Length; i++)
            {
                var level = span[i];
                if (level < -Levels || level > Levels)
                {
                    throw new NotSupportedException(
                        $"{Name}: level {level} at coordinate {i} is outside -{Levels}..{Levels}; "
                        + "use a qsgd encoding with s >= |level|.");
                }

                span[i] = level < 0 ? (1 << _levelBits) | -level : level;
            }

            return QuantizedLayout.Write(scale, span, Bits, ref buffer);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The payload becomes quantized: <see cref="Payload{T}.Levels"/> are the signed levels and
    /// <see cref="Payload{T}.QuantizationScale"/> the float32 scale on the wire.</remarks>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var codes = ArrayPool<int>.Shared.Rent(payload.Dimension);
        try
        {
            var span = codes.AsSpan(0, payload.Dimension);
            var scale = QuantizedLayout.ReadLevels(bytes, Bits, Name, span);
            var mask = (1 << _levelBits) - 1;
            for (var i = 0; i < span.Length; i++)
            {
                var level = span[i] & mask;
                if (level > Levels)
                {
                    throw new InvalidDataException($"{Name}: level {level} above s = {Levels}.");
                }

                span[i] = (span[i] >> _levelBits) == 1 ? -level : level;
            }

            payload.SetQuantized(scale, span);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    /// <summary>The deterministic quantization of a plain dense vector: writes signed levels, returns the
    /// scale.</summary>
    private float QuantizeByNorm<T>(ReadOnlySpan<T> values, Span<int> levels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var squares = 0.0;
        foreach (var value in values)
        {
            var x = double.CreateTruncating(value);
            squares += x * x;
        }

        var scale = (float)(Math.Sqrt(squares) / Levels);
        for (var i = 0; i < values.Length; i++)
        {
            var x = double.CreateTruncating(values[i]);
            var level = scale == 0 ? 0 : (int)Math.Min(Levels, Math.Round(Math.Abs(x) / scale));
            levels[i] = x < 0 ? -level : level;
        }

        return scale;
    }
}
