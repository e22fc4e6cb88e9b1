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
}
