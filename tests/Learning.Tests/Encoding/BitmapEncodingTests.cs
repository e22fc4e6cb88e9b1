using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class BitmapEncodingTests
{
    private readonly BitmapEncoding _encoding = new();

    [Test]
    public void Encode_WritesBitmapLeastSignificantBitFirstThenValues()
    {
        var payload = EncodingAssert.Sparse(10, [0, 3, 9], [1f, 2f, 3f]);

        var bytes = EncodingAssert.Encoded(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes[..2], Is.EqualTo(new byte[] { 0b0000_1001, 0b0000_0010 }));
            Assert.That(bytes, Has.Length.EqualTo(2 + 12));
        }
    }

    [Test]
    public void RoundTrip_OfDensePayload_SetsEveryBitAndKeepsValues()
    {
        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, EncodingAssert.Dense([1f, -2f, 0f]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(1 + 12));
            Assert.That(EncodingAssert.ToDense(decoded), Is.EqualTo(new[] { 1f, -2f, 0f }));
        }
    }

    [Test]
    public void Decode_OfBitBeyondDimension_ThrowsInvalidData()
    {
        byte[] bytes = [0b1000_0000, 0, 0, 0, 0];

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(7)), Throws.InstanceOf<InvalidDataException>());
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(7)]
    public void Decode_OfWrongValueLength_ThrowsInvalidData(int length)
    {
        var bytes = EncodingAssert.Encoded(_encoding, EncodingAssert.Sparse(16, [2], [1f]));
        Array.Resize(ref bytes, length);

        Assert.That(() => _encoding.Decode<float>(bytes, new Payload<float>(16)), Throws.InstanceOf<InvalidDataException>());
    }
}
