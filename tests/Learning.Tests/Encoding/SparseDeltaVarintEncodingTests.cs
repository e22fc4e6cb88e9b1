using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class SparseDeltaVarintEncodingTests
{
    private readonly SparseDeltaVarintEncoding _encoding = new();

    [Test]
    public void Encode_WritesCountThenIndexGapsThenFloat32Values()
    {
        var payload = EncodingAssert.Sparse(1_000, [5, 6, 300], [1f, 2f, 3f]);

        var bytes = EncodingAssert.Encoded(_encoding, payload);

        // count 3; gaps 5, 1, 294 (= 0xA6 0x02 in LEB128); then three float32 values.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes[..5], Is.EqualTo(new byte[] { 3, 5, 1, 0xA6, 0x02 }));
            Assert.That(bytes, Has.Length.EqualTo(5 + 12));
        }
    }

    [Test]
    public void RoundTrip_OfSparsePayload_IsExact()
    {
        var payload = EncodingAssert.Sparse(1 << 24, [0, 127, 128, 16_383, 16_384, (1 << 24) - 1], [1f, -2f, 3f, 4f, 5f, 6f]);

        var (_, decoded) = EncodingAssert.RoundTrip(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.Indices.Take(decoded.Count), Is.EqualTo(payload.Indices.Take(payload.Count)));
            Assert.That(decoded.Values.Take(decoded.Count), Is.EqualTo(payload.Values.Take(payload.Count)));
        }
    }

    [Test]
    public void Decode_OfTruncatedValues_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(100, [1, 50], [1f, 2f]));

        Assert.That(() => _encoding.Decode<float>(bytes.AsSpan(0, bytes.Length - 1), new Payload<float>(100)),
            Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfMessageEndingInsideAVarint_ThrowsInvalidData()
    {
        byte[] bytes = [2, 0x85];

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(100)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfIndexBeyondDimension_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(100, [99], [1f]));

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(99)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfRepeatedIndex_ThrowsInvalidData()
    {
        byte[] bytes = [2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(100)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Encode_OfDensePayload_IsNotSupported()
    {
        var buffer = Array.Empty<byte>();

        Assert.That(() => _encoding.Encode(EncodingAssert.Dense([1f]), ref buffer), Throws.InstanceOf<NotSupportedException>());
    }
}
