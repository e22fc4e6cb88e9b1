using System.Buffers.Binary;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class SparseCooEncodingTests
{
    private readonly SparseCooEncoding _encoding = new();

    [Test]
    public void RoundTrip_OfSparsePayload_IsExactAndCosts8BytesPerEntry()
    {
        var payload = EncodingAssert.Sparse(1_000, [0, 17, 999], [1.25f, -3e-7f, 42f]);

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(24));
            Assert.That(decoded.Indices.Take(3), Is.EqualTo(new[] { 0, 17, 999 }));
            Assert.That(decoded.Values.Take(3), Is.EqualTo(new[] { 1.25f, -3e-7f, 42f }));
        }
    }

    [Test]
    public void RoundTrip_OfEmptyPayload_IsZeroBytes()
    {
        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, EncodingAssert.Sparse(10, [], []));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.Zero);
            Assert.That(decoded.Count, Is.Zero);
        }
    }

    [Test]
    public void Encode_OfDensePayload_IsNotSupported()
    {
        var buffer = Array.Empty<byte>();

        Assert.That(() => _encoding.Encode(EncodingAssert.Dense([1f]), ref buffer), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void Decode_OfTruncatedEntry_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(10, [1, 2], [1f, 2f]));

        Assert.That(() => _encoding.Decode<float>(bytes.AsSpan(0, 12), new Payload<float>(10)), Throws.InstanceOf<InvalidDataException>());
    }

    [TestCase(10)]
    [TestCase(-1)]
    public void Decode_OfOutOfRangeIndex_ThrowsInvalidData(int index)
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(10, [3], [1f]));
        BinaryPrimitives.WriteInt32LittleEndian(bytes, index);

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(10)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfDescendingIndices_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(10, [3, 5], [1f, 2f]));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 3);

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(10)), Throws.InstanceOf<InvalidDataException>());
    }
}
