using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Sasg.Learning.Encoding;

/// <summary>Every coordinate as a little-endian float64: 8 bytes per coordinate, lossless for float64 models (the LAG
/// authors' MATLAB code works in double precision).</summary>
public sealed class DenseFloat64Encoding : IWireEncoding
{
    /// <inheritdoc/>
    public string Name => "dense64";

    /// <inheritdoc/>
    public string Description => "every coordinate as float64 (8 bytes each), lossless for double-precision models";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var length = checked(payload.Dimension * 8);
        WireBuffers.Ensure(ref buffer, length);
        var span = buffer.AsSpan(0, length);
        if (payload.Kind == PayloadKind.Sparse)
        {
            span.Clear();
        }

        if (payload.Kind == PayloadKind.Dense && typeof(T) == typeof(double) && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(payload.Values.AsSpan(0, payload.Dimension)).CopyTo(span);
            return length;
        }

        var count = payload.Kind == PayloadKind.Dense ? payload.Dimension : payload.Count;
        for (var i = 0; i < count; i++)
        {
            var index = payload.Kind == PayloadKind.Dense ? i : payload.Indices[i];
            BinaryPrimitives.WriteDoubleLittleEndian(span[(index * 8)..], double.CreateTruncating(payload.Values[i]));
        }

        return length;
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (bytes.Length != payload.Dimension * 8)
        {
            throw new InvalidDataException($"dense64: {bytes.Length} bytes for {payload.Dimension} coordinates.");
        }

        var values = payload.SetDense();
        if (typeof(T) == typeof(double) && BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]));
        }
    }
}
