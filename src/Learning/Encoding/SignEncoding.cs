using System.Buffers;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>Scaled sign (lossy): one float32 scale, the mean |v|, then one bit per coordinate (1 = non-negative),
/// packed least significant bit first: 4 + ceil(d/8) bytes. Decodes to ±scale.</summary>
/// <remarks>The scaled sign compressor of EF-SignSGD (Karimireddy et al., 2019): C(v) = (||v||_1 / d) sign(v). The
/// encoding quantizes, so an algorithm with error feedback must take what was sent from decoding its own bytes.</remarks>
public sealed class SignEncoding : IWireEncoding
{
    /// <inheritdoc/>
    public string Name => "sign";

    /// <inheritdoc/>
    public string Description => "lossy: float32 scale (mean |v|) + 1 bit per coordinate (4 + d/8 bytes)";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = QuantizedLayout.DenseValues(payload, Name);
        var scale = 0.0;
        foreach (var value in values)
        {
            scale += double.CreateTruncating(T.Abs(value));
        }

        scale = values.Length == 0 ? 0 : scale / values.Length;
        var levels = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                levels[i] = values[i] < T.Zero ? 0 : 1;
            }

            return QuantizedLayout.Write((float)scale, levels.AsSpan(0, values.Length), 1, ref buffer);
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
        QuantizedLayout.Read(bytes, payload, 1, Name, static (scale, level) => level == 1 ? scale : -scale);
    }
}
