using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class InPlaceEncodingTests
{
    private static IEnumerable<IWireEncoding> Encodings => WireEncodings.All;

    [TestCaseSource(nameof(Encodings))]
    public void EncodeInPlace_GivesExactlyTheBytesEncodeWrites(IWireEncoding encoding)
    {
        var payload = PayloadFor(encoding);
        var written = EncodingAssert.Encoded(encoding, payload);
        var buffer = Array.Empty<byte>();

        var inPlace = encoding.EncodeInPlace(payload, ref buffer).ToArray();

        Assert.That(inPlace, Is.EqualTo(written));
    }

    [TestCaseSource(nameof(Encodings))]
    public void DecodeAdd_AddsBitForBitWhatDecodeAndAddToAdd(IWireEncoding encoding)
    {
        var payload = PayloadFor(encoding);
        var bytes = EncodingAssert.Encoded(encoding, payload);
        var start = Enumerable.Range(0, payload.Dimension).Select(i => (0.37f * i) - 3.1f).ToArray();
        var expected = start.ToArray();
        var decoded = new Payload<float>(payload.Dimension);
        encoding.Decode<float>(bytes, decoded);
        decoded.AddTo(expected, 1f);

        var actual = start.ToArray();
        encoding.DecodeAdd<float>(bytes, new Payload<float>(payload.Dimension), actual);

        Assert.That(actual.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)));
    }

    [Test]
    public void EncodeInPlace_OfDenseFloat32_IsThePayloadsOwnMemory()
    {
        var payload = EncodingAssert.Dense(new[] { 1.5f, -2f, 3.25f });
        var buffer = Array.Empty<byte>();

        var bytes = new DenseFloat32Encoding().EncodeInPlace(payload, ref buffer);
        payload.Values[1] = 7f;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(buffer, Is.Empty, "nothing copied into the buffer");
            Assert.That(BitConverter.ToSingle(bytes[4..8]), Is.EqualTo(7f), "the bytes are the payload's values");
        }
    }

    // A payload each encoding carries: quantized for the quantizing ones, sparse for the sparse ones, dense otherwise.
    private static Payload<float> PayloadFor(IWireEncoding encoding)
    {
        const int dimension = 37;
        var values = Enumerable.Range(0, dimension).Select(i => MathF.Sin(i + 1) * (i % 3 == 0 ? 0f : 2.5f)).ToArray();
        var buffer = Array.Empty<byte>();
        foreach (var candidate in new[]
        {
            Quantized(dimension),
            EncodingAssert.SparseOfNonzeros(values),
            EncodingAssert.Dense(values),
        })
        {
            try
            {
                encoding.Encode(candidate, ref buffer);
                return candidate;
            }
            catch (NotSupportedException)
            {
            }
        }

        throw new InvalidOperationException($"{encoding.Name} carries none of the test payloads.");
    }

    private static Payload<float> Quantized(int dimension)
    {
        var payload = new Payload<float>(dimension);
        payload.SetQuantized(0.125f, Enumerable.Range(0, dimension).Select(i => (i % 5) - 2).ToArray());
        return payload;
    }
}
