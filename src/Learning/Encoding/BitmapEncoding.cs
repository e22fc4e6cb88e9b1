using System.Buffers.Binary;
using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>A kept-coordinate bitmap of ceil(d/8) bytes (coordinate i is bit i % 8, least significant first, of byte
/// i / 8), then the kept values as float32 in index order.</summary>
/// <remarks>Cheaper than coo when more than about 1/32 of the coordinates are kept: d/8 + 4k bytes against 8k. A dense
/// payload is sent with every bit set.</remarks>
public sealed class BitmapEncoding : IWireEncoding
{
    /// <inheritdoc/>
    public string Name => "bitmap";

    /// <inheritdoc/>
    public string Description => "ceil(d/8)-byte bitmap of kept coordinates, then float32 values (d/8 + 4k bytes)";

    /// <inheritdoc/>
    public int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var mapLength = MapLength(payload.Dimension);
        var length = checked(mapLength + (payload.Count * 4));
        WireBuffers.Ensure(ref buffer, length);
        var map = buffer.AsSpan(0, mapLength);
        map.Clear();
        var dense = payload.Kind == PayloadKind.Dense;
        for (var i = 0; i < payload.Count; i++)
        {
            var index = dense ? i : payload.Indices[i];
            map[index >> 3] |= (byte)(1 << (index & 7));
        }

        var values = buffer.AsSpan(mapLength, payload.Count * 4);
        for (var i = 0; i < payload.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(values[(i * 4)..], float.CreateTruncating(payload.Values[i]));
        }

        return length;
    }

    /// <inheritdoc/>
    public void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var mapLength = MapLength(payload.Dimension);
        if (bytes.Length < mapLength)
        {
            throw new InvalidDataException($"bitmap: {bytes.Length} bytes, shorter than the {mapLength}-byte bitmap.");
        }

        var map = bytes[..mapLength];
        var count = 0;
        foreach (var b in map)
        {
            count += BitOperations.PopCount(b);
        }

        var padding = (mapLength * 8) - payload.Dimension;
        if (padding > 0 && map[^1] >> (8 - padding) != 0)
        {
            throw new InvalidDataException($"bitmap: a bit is set beyond coordinate {payload.Dimension - 1}.");
        }

        if (bytes.Length - mapLength != count * 4)
        {
            throw new InvalidDataException(
                $"bitmap: {bytes.Length - mapLength} value bytes for {count} kept coordinates (need {count * 4}).");
        }

        payload.SetSparse(count, out var indices, out var values);
        var written = 0;
        for (var byteIndex = 0; byteIndex < map.Length; byteIndex++)
        {
            var bits = (uint)map[byteIndex];
            while (bits != 0)
            {
                indices[written++] = (byteIndex * 8) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        for (var i = 0; i < count; i++)
        {
            values[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes[(mapLength + (i * 4))..]));
        }
    }

    private static int MapLength(int dimension) => (dimension + 7) / 8;
}
