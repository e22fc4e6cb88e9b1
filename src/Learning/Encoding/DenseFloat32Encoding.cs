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
        if (IsOwnEncoding(payload))
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
    /// <remarks>A dense float32 payload on a little-endian machine is its own encoding: its values' bytes are
    /// returned, not copied.</remarks>
    public ReadOnlySpan<byte> EncodeInPlace<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (IsOwnEncoding(payload))
        {
            return MemoryMarshal.AsBytes(payload.Values.AsSpan(0, payload.Dimension));
        }

        var length = Encode(payload, ref buffer);
        return buffer.AsSpan(0, length);
    }

    /// <inheritdoc/>
    /// <remarks>float32 on a little-endian machine: the floats are read where they lie and added, with no decoded
    /// copy.</remarks>
    public void DecodeAdd<T>(ReadOnlySpan<byte> bytes, Payload<T> scratch, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (typeof(T) != typeof(float) || !BitConverter.IsLittleEndian)
        {
            Decode(bytes, scratch);
            scratch.AddTo(destination, T.One);
            return;
        }

        if (bytes.Length != scratch.Dimension * 4 || destination.Length != scratch.Dimension)
        {
            throw new InvalidDataException($"dense32: {bytes.Length} bytes for {scratch.Dimension} coordinates.");
        }

        Sasg.Learning.Algorithms.VectorMath.AddScaled(destination, T.One, MemoryMarshal.Cast<byte, T>(bytes));
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

    // The bytes of a dense float32 payload on a little-endian machine are the encoding itself.
    private static bool IsOwnEncoding<T>(Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        payload.Kind == PayloadKind.Dense && typeof(T) == typeof(float) && BitConverter.IsLittleEndian;
}
