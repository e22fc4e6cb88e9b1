using System.Buffers.Binary;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>Sparse coordinate list: per kept entry an int32 index and a float32 value, 8 bytes per entry, no header
/// (the count is the length / 8). This is what the SASG authors count: 64 bits per kept entry.</summary>
public sealed class SparseCooEncoding : IWireEncoding
{
    /// <inheritdoc/>
    public string Name => "coo";

    /// <inheritdoc/>
    public string Description => "int32 index + float32 value per kept entry (8 bytes each), as SASG counts";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Kind != PayloadKind.Sparse)
        {
            throw new NotSupportedException("coo carries sparse payloads; use dense32 for dense uploads.");
        }

        var length = checked(payload.Count * 8);
        WireBuffers.Ensure(ref buffer, length);
        var span = buffer.AsSpan(0, length);
        for (var i = 0; i < payload.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 8)..], payload.Indices[i]);
            BinaryPrimitives.WriteSingleLittleEndian(span[((i * 8) + 4)..], float.CreateTruncating(payload.Values[i]));
        }

        return length;
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (bytes.Length % 8 != 0 || bytes.Length / 8 > payload.Dimension)
        {
            throw new InvalidDataException($"coo: {bytes.Length} bytes is not a whole number of entries for dimension {payload.Dimension}.");
        }

        var count = bytes.Length / 8;
        payload.SetSparse(count, out var indices, out var values);
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            var index = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 8)..]);
            if (index <= previous || index >= payload.Dimension)
            {
                throw new InvalidDataException($"coo: entry {i} has index {index}, not ascending within 0..{payload.Dimension - 1}.");
            }

            indices[i] = index;
            values[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes[((i * 8) + 4)..]));
            previous = index;
        }
    }
}
