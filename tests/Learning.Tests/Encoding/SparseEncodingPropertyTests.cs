using Sasg.Learning.Encoding;

// FsCheck supplies the arguments of [Property] methods; NUnit.Analyzers only knows NUnit's own sources.
#pragma warning disable NUnit1027

namespace Sasg.Learning.Tests.Encoding;

/// <summary>Round trips and byte counts of every encoding that carries sparse payloads, over random vectors.</summary>
public sealed class SparseEncodingPropertyTests
{
    [FsCheck.NUnit.Property(Replay = "20251201,11", MaxTest = 300)]
    public bool EverySparseEncoding_RoundTripsFloat32ValuesExactly(float[] vector, byte density)
    {
        var sparse = Thinned(vector, density);

        IWireEncoding[] lossless =
            [new DenseFloat32Encoding(), new DenseFloat64Encoding(), new SparseCooEncoding(), new SparseDeltaVarintEncoding(), new BitmapEncoding()];

        return lossless.All(encoding =>
        {
            var (_, decoded) = EncodingAssert.RoundTrip(encoding, sparse);
            return EncodingAssert.ToDense(decoded).Select(BitConverter.SingleToInt32Bits)
                .SequenceEqual(EncodingAssert.ToDense(sparse).Select(BitConverter.SingleToInt32Bits));
        });
    }

    [FsCheck.NUnit.Property(Replay = "20251201,13", MaxTest = 300)]
    public bool ByteCounts_FollowEachLayoutsFormula(float[] vector, byte density)
    {
        var sparse = Thinned(vector, density);
        var d = sparse.Dimension;
        var k = sparse.Count;
        var varintIndexBytes = sparse.Indices.Take(k)
            .Select((index, i) => index - (i == 0 ? 0 : sparse.Indices[i - 1]))
            .Sum(gap => gap < 128 ? 1 : gap < 16_384 ? 2 : 3);

        return EncodingAssert.Encoded(new DenseFloat32Encoding(), sparse).Length == 4 * d
            && EncodingAssert.Encoded(new DenseFloat64Encoding(), sparse).Length == 8 * d
            && EncodingAssert.Encoded(new SparseCooEncoding(), sparse).Length == 8 * k
            && EncodingAssert.Encoded(new SparseDeltaVarintEncoding(), sparse).Length == (k < 128 ? 1 : 2) + varintIndexBytes + (4 * k)
            && EncodingAssert.Encoded(new BitmapEncoding(), sparse).Length == ((d + 7) / 8) + (4 * k);
    }

    /// <summary>Keeps the coordinates whose hashed position falls under <paramref name="density"/>/255 (ascending).</summary>
    private static Payload<float> Thinned(float[] vector, byte density)
    {
        var indices = Enumerable.Range(0, vector.Length).Where(i => (uint)(i * 2_654_435_761u) >> 24 < density).ToArray();
        return EncodingAssert.Sparse(vector.Length, indices, indices.Select(i => vector[i]).ToArray());
    }
}
