using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Sasg.Learning.Encoding;

/// <summary>Every coordinate as a little-endian float32: 4 bytes per coordinate (what the SASG authors count for
/// dense uploads). A float64 model's values are rounded to float32 on the way.</summary>
public sealed class DenseFloat32Encoding : IWireEncoding
{
    /// <inheritdoc/>
    public string Name => "dense32";

    /// <inheritdoc/>
    public string Description => "every coordinate as float32 (4 bytes each); sparse payloads are densified";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var length = checked(payload.Dimension * 4);
        WireBuffers.Ensure(ref buffer, length);
        var span = buffer.AsSpan(0, length);
        if (payload.Kind == PayloadKind.Dense && typeof(T) == typeof(float) && BitConverter.IsLittleEndian)
        {
            // The hot path of dense float32 uploads: the bytes are the little-endian floats themselves.
            MemoryMarshal.AsBytes(payload.Values.AsSpan(0, payload.Dimension)).CopyTo(span);
        }
        else if (payload.Kind == PayloadKind.Dense)
        {
            var values = payload.Values.AsSpan(0, payload.Dimension);
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], float.CreateTruncating(values[i]));
            }
        }
        else
        {
            span.Clear();
            for (var i = 0; i < payload.Count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[(payload.Indices[i] * 4)..], float.CreateTruncating(payload.Values[i]));
            }
        }

        return length;
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (bytes.Length != payload.Dimension * 4)
        {
            throw new InvalidDataException($"dense32: {bytes.Length} bytes for {payload.Dimension} coordinates.");
        }

        var values = payload.SetDense();
        if (typeof(T) == typeof(float) && BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]));
        }
    }
}
