using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>Turns a payload into the bytes that cross the link, and back.</summary>
/// <remarks>
/// The byte count a simulation charges is the length of the buffer <see cref="Encode{T}"/> wrote, never a formula.
/// Both ends know the vector's dimension, so an encoding need not send it.
/// </remarks>
public interface IWireEncoding
{
    /// <summary>The name scenarios use, for example "coo".</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>Encodes <paramref name="payload"/> into <paramref name="buffer"/> (grown when too small); returns the
    /// number of bytes written.</summary>
    /// <exception cref="NotSupportedException">The encoding cannot carry this kind of payload.</exception>
    int Encode<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="payload"/>, reusing its arrays.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid message of this encoding.</exception>
    void Decode<T>(ReadOnlySpan<byte> bytes, Payload<T> payload)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The encoded bytes of <paramref name="payload"/>, exactly those <see cref="Encode{T}"/> writes: in
    /// <paramref name="buffer"/> (grown when too small), or the payload's own memory where it already holds those
    /// bytes, so that nothing is copied. Valid until the payload or the buffer changes; its length is what a
    /// simulation charges.</summary>
    /// <exception cref="NotSupportedException">The encoding cannot carry this kind of payload.</exception>
    ReadOnlySpan<byte> EncodeInPlace<T>(Payload<T> payload, ref byte[] buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The length first: Encode may replace the buffer with a larger one.
        var length = Encode(payload, ref buffer);
        return buffer.AsSpan(0, length);
    }

    /// <summary>Adds the vector <paramref name="bytes"/> decode to into <paramref name="destination"/>, bit for bit as
    /// decoding into a payload and <see cref="Payload{T}.AddTo"/> with scale 1 do; <paramref name="scratch"/> may be
    /// used for the decoding (its content is undefined afterwards).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid message of this encoding.</exception>
    void DecodeAdd<T>(ReadOnlySpan<byte> bytes, Payload<T> scratch, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scratch);
        Decode(bytes, scratch);
        scratch.AddTo(destination, T.One);
    }
}
