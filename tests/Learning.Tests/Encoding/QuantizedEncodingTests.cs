using System.Buffers.Binary;
using System.Globalization;
using Sasg.Learning.Encoding;

// FsCheck supplies the arguments of [Property] methods; NUnit.Analyzers only knows NUnit's own sources.
#pragma warning disable NUnit1027

namespace Sasg.Learning.Tests.Encoding;

public sealed class QuantizedEncodingTests
{
    [Test]
    public void Sign_DecodesToScaledSignsOfMeanMagnitude_In4PlusDOver8Bytes()
    {
        var (length, decoded) = EncodingAssert.RoundTrip(new SignEncoding(), EncodingAssert.Dense([1f, -2f, 0f, 3f]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(4 + 1));
            Assert.That(decoded.Values.Take(4), Is.EqualTo(new[] { 1.5f, -1.5f, 1.5f, 1.5f }));
        }
    }

    [Test]
    public void Laq_KeepsValuesOnItsGridExactly_In4PlusBitsTimesDOver8Bytes()
    {
        // R = 15 and b = 4: the grid is -15, -13, ..., 13, 15.
        float[] values = [15f, -15f, 1f, -1f, 3f];

        var (length, decoded) = EncodingAssert.RoundTrip(new LaqEncoding(), EncodingAssert.Dense(values));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(4 + 3));
            Assert.That(decoded.Values.Take(5), Is.EqualTo(values));
        }
    }

    [Test]
    public void Qsgd_OfPlainDensePayload_RoundsToNearestLevelOfNormOverS()
    {
        var (length, decoded) = EncodingAssert.RoundTrip(new QsgdEncoding(), EncodingAssert.Dense([3f, -4f]));

        // norm 5, s = 7, scale (float)(5 / 7): |3| / scale = 4.2 -> 4, |4| / scale = 5.6 -> 6.
        var scale = (float)(5.0 / 7);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(4 + 1));
            Assert.That(decoded.IsQuantized, Is.True);
            Assert.That(decoded.QuantizationScale, Is.EqualTo(scale));
            Assert.That(decoded.Levels.Take(2), Is.EqualTo(new[] { 4, -6 }));
            Assert.That(decoded.Values.Take(2), Is.EqualTo(new[] { 4 * scale, -6 * scale }));
        }
    }

    [FsCheck.NUnit.Property(Replay = "20251201,23", MaxTest = 200)]
    public bool Qsgd_OfQuantizedPayload_DecodesItsScaleAndLevelsBitwise_In4PlusBitsTimesDOver8Bytes(
        int[] raw, ushort levelsSeed, float rawScale)
    {
        var encoding = new QsgdEncoding(1 + (levelsSeed % 300));
        var levels = raw.Select(v => (v % (encoding.Levels + 1))).ToArray();
        var scale = float.IsFinite(rawScale) ? MathF.Abs(rawScale) : 1f;
        var payload = new Payload<double>(levels.Length);
        payload.SetQuantized(scale, levels);

        var (length, decoded) = EncodingAssert.RoundTrip(encoding, payload);

        return length == 4 + (((encoding.Bits * levels.Length) + 7) / 8)
            && decoded.IsQuantized
            && BitConverter.SingleToInt32Bits(decoded.QuantizationScale) == BitConverter.SingleToInt32Bits(scale)
            && decoded.Levels.Take(levels.Length).SequenceEqual(levels)
            && decoded.Values.Take(levels.Length).Select(BitConverter.DoubleToInt64Bits)
                .SequenceEqual(payload.Values.Take(levels.Length).Select(BitConverter.DoubleToInt64Bits));
    }

    [Test]
    public void Qsgd_OfQuantizedPayloadWithFewerLevels_CarriesItExactly()
    {
        var payload = new Payload<float>(3);
        payload.SetQuantized(0.5f, [3, -1, 0]);

        var (_, decoded) = EncodingAssert.RoundTrip(new QsgdEncoding(levels: 7), payload);

        Assert.That(decoded.Values.Take(3), Is.EqualTo(new[] { 1.5f, -0.5f, 0f }));
    }

    [TestCase(8)]
    [TestCase(-8)]
    [TestCase(int.MinValue)]
    public void Qsgd_OfQuantizedLevelBeyondS_IsNotSupported(int level)
    {
        var payload = new Payload<float>(2);
        payload.SetQuantized(1f, [1, level]);
        var buffer = Array.Empty<byte>();
        var text = level.ToString(CultureInfo.InvariantCulture);

        Assert.That(() => new QsgdEncoding(levels: 7).Encode(payload, ref buffer),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contains(text));
    }

    [FsCheck.NUnit.Property(Replay = "20251201,15", MaxTest = 200)]
    public bool Laq_ErrorIsAtMostHalfAStep_AndBytesFollowTheFormula(float[] raw, byte bitsSeed)
    {
        var values = Finite(raw);
        var encoding = new LaqEncoding(1 + (bitsSeed % 8));
        var radius = values.Length == 0 ? 0 : values.Max(MathF.Abs);
        var halfStep = radius / ((1 << encoding.Bits) - 1);

        var (length, decoded) = EncodingAssert.RoundTrip(encoding, EncodingAssert.Dense(values));

        return length == 4 + (((encoding.Bits * values.Length) + 7) / 8)
            && values.Select((v, i) => Math.Abs(v - decoded.Values[i]) <= (halfStep * 1.0001) + 1e-30).All(ok => ok);
    }

    [FsCheck.NUnit.Property(Replay = "20251201,17", MaxTest = 200)]
    public bool QsgdAndSign_KeepSignsAndBoundTheError(float[] raw)
    {
        var values = Finite(raw);
        var norm = Math.Sqrt(values.Sum(v => (double)v * v));

        var (qsgdLength, qsgd) = EncodingAssert.RoundTrip(new QsgdEncoding(), EncodingAssert.Dense(values));
        var (signLength, sign) = EncodingAssert.RoundTrip(new SignEncoding(), EncodingAssert.Dense(values));

        return qsgdLength == 4 + (((4 * values.Length) + 7) / 8)
            && signLength == 4 + ((values.Length + 7) / 8)
            && values.Select((v, i) => Math.Abs(v - qsgd.Values[i]) <= (norm / 14 * 1.0001) + 1e-30).All(ok => ok)
            && values.Select((v, i) => v < 0 == sign.Values[i] < 0).All(ok => ok);
    }

    [Test]
    public void Decode_OfTruncatedLevels_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(new LaqEncoding(), EncodingAssert.Dense([1f, 2f, 3f]));

        Assert.That(() => new LaqEncoding().Decode<float>(bytes.AsSpan(0, bytes.Length - 1), new Payload<float>(3)),
            Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfNonzeroPaddingBits_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(new SignEncoding(), EncodingAssert.Dense([1f, 2f, 3f]));
        bytes[4] |= 0x80;

        Assert.That(() => new SignEncoding().Decode<float>(bytes, new Payload<float>(3)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfQsgdLevelAboveS_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(new QsgdEncoding(levels: 5), EncodingAssert.Dense([1f, 2f]));
        bytes[4] = 0x07;

        Assert.That(() => new QsgdEncoding(levels: 5).Decode<float>(bytes, new Payload<float>(2)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_OfNegativeScale_ThrowsInvalidData()
    {
        var bytes = EncodingAssert.Encoded(new SignEncoding(), EncodingAssert.Dense([1f]));
        BinaryPrimitives.WriteSingleLittleEndian(bytes, -1f);

        Assert.That(() => new SignEncoding().Decode<float>(bytes, new Payload<float>(1)), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Encode_OfSparsePayload_IsNotSupported()
    {
        var buffer = Array.Empty<byte>();

        Assert.That(() => new QsgdEncoding().Encode(EncodingAssert.Sparse(3, [1], [1f]), ref buffer),
            Throws.InstanceOf<NotSupportedException>());
    }

    [FsCheck.NUnit.Property(Replay = "20251201,19", MaxTest = 200)]
    public bool LevelPacking_RoundTripsLevelsOfAnyWidth(int[] raw, byte bitsSeed)
    {
        var bits = 1 + (bitsSeed % 24);
        var levels = raw.Select(v => (int)((uint)v % (1u << bits))).ToArray();
        var bytes = new byte[LevelPacking.ByteCount(levels.Length, bits)];

        LevelPacking.Pack(levels, bits, bytes);
        var unpacked = new int[levels.Length];
        LevelPacking.Unpack(bytes, bits, unpacked);

        return unpacked.SequenceEqual(levels);
    }

    private static float[] Finite(float[] raw) =>
        raw.Select(v => float.IsFinite(v) ? Math.Clamp(v, -1e30f, 1e30f) : 0f).ToArray();
}
