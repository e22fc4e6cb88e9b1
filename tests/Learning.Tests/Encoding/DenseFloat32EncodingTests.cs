using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class DenseFloat32EncodingTests
{
    private readonly DenseFloat32Encoding _encoding = new();

    [Test]
    public void RoundTrip_OfFloat32Values_IsExactAndCosts4BytesPerCoordinate()
    {
        float[] values = [1.5f, -0f, float.Epsilon, float.MaxValue, -3.25e-20f, float.NaN, float.NegativeInfinity];

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, EncodingAssert.Dense(values));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(4 * values.Length));
            Assert.That(decoded.Kind, Is.EqualTo(PayloadKind.Dense));
            Assert.That(decoded.Values.Take(values.Length).Select(BitConverter.SingleToInt32Bits),
                Is.EqualTo(values.Select(BitConverter.SingleToInt32Bits)));
        }
    }

    [Test]
    public void Encode_OfSparsePayload_DensifiesWithZeros()
    {
        var payload = EncodingAssert.Sparse(5, [1, 4], [2f, -1f]);

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(20));
            Assert.That(EncodingAssert.ToDense(decoded), Is.EqualTo(new[] { 0f, 2f, 0f, 0f, -1f }));
        }
    }

    [Test]
    public void Encode_OfDoublePayload_RoundsToFloat32()
    {
        var payload = EncodingAssert.Dense([0.1, 1.0 / 3]);

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(8));
            Assert.That(decoded.Values, Is.EqualTo(new[] { (double)0.1f, (double)(1f / 3) }));
        }
    }

    [TestCase(11)]
    [TestCase(13)]
    [TestCase(0)]
    public void Decode_OfWrongLength_ThrowsInvalidData(int length)
    {
        var payload = new Payload<float>(3);

        Assert.That(() => _encoding.Decode<float>(new byte[length], payload), Throws.InstanceOf<InvalidDataException>());
    }
}
