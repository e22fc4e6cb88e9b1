using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class DenseFloat64EncodingTests
{
    private readonly DenseFloat64Encoding _encoding = new();

    [Test]
    public void RoundTrip_OfFloat64Values_IsExactAndCosts8BytesPerCoordinate()
    {
        double[] values = [0.1, -1.0 / 3, double.Epsilon, double.MaxValue, -0.0];

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, EncodingAssert.Dense(values));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(8 * values.Length));
            Assert.That(decoded.Values.Take(values.Length).Select(BitConverter.DoubleToInt64Bits),
                Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)));
        }
    }

    [Test]
    public void Encode_OfSparsePayload_DensifiesWithZeros()
    {
        var payload = EncodingAssert.Sparse(4, [0, 2], [7f, -0.5f]);

        var (length, decoded) = EncodingAssert.RoundTrip(_encoding, payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(32));
            Assert.That(EncodingAssert.ToDense(decoded), Is.EqualTo(new[] { 7f, 0f, -0.5f, 0f }));
        }
    }

    [TestCase(23)]
    [TestCase(25)]
    public void Decode_OfWrongLength_ThrowsInvalidData(int length)
    {
        var payload = new Payload<double>(3);

        Assert.That(() => _encoding.Decode<double>(new byte[length], payload), Throws.InstanceOf<InvalidDataException>());
    }
}
