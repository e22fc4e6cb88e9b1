using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

/// <summary>Builders and round trips shared by the encoding fixtures.</summary>
internal static class EncodingAssert
{
    public static Payload<float> Sparse(int dimension, int[] indices, float[] values)
    {
        var payload = new Payload<float>(dimension);
        payload.SetSparse(indices.Length, out var i, out var v);
        indices.CopyTo(i);
        values.CopyTo(v);
        return payload;
    }

    public static Payload<T> Dense<T>(T[] values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var payload = new Payload<T>(values.Length);
        values.CopyTo(payload.SetDense());
        return payload;
    }

    /// <summary>A sparse payload of the coordinates of <paramref name="vector"/> with a nonzero value.</summary>
    public static Payload<float> SparseOfNonzeros(float[] vector)
    {
        var indices = Enumerable.Range(0, vector.Length).Where(i => vector[i] != 0).ToArray();
        return Sparse(vector.Length, indices, indices.Select(i => vector[i]).ToArray());
    }

    /// <summary>Encodes, decodes into a fresh payload and returns (bytes written, decoded payload).</summary>
    public static (int Length, Payload<T> Decoded) RoundTrip<T>(IWireEncoding encoding, Payload<T> payload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var buffer = Array.Empty<byte>();
        var length = encoding.Encode(payload, ref buffer);
        var decoded = new Payload<T>(payload.Dimension);
        encoding.Decode<T>(buffer.AsSpan(0, length), decoded);
        return (length, decoded);
    }

    public static T[] ToDense<T>(Payload<T> payload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var dense = new T[payload.Dimension];
        payload.ToDense(dense);
        return dense;
    }

    public static byte[] Encoded<T>(IWireEncoding encoding, Payload<T> payload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var buffer = Array.Empty<byte>();
        var length = encoding.Encode(payload, ref buffer);
        return buffer[..length];
    }
}
