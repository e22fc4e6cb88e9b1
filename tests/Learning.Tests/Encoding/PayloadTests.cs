using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class PayloadTests
{
    [Test]
    public void SetQuantized_MakesADensePayloadOfLevelsTimesScale()
    {
        var payload = new Payload<float>(3);

        payload.SetQuantized(0.1f, [2, -3, 0]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(payload.Kind, Is.EqualTo(PayloadKind.Dense));
            Assert.That(payload.IsQuantized, Is.True);
            Assert.That(payload.QuantizationScale, Is.EqualTo(0.1f));
            Assert.That(payload.Levels.Take(3), Is.EqualTo(new[] { 2, -3, 0 }));
            Assert.That(EncodingAssert.ToDense(payload), Is.EqualTo(new[] { 2 * 0.1f, -3 * 0.1f, 0f }));
        }
    }

    [Test]
    public void AddTo_OfQuantizedPayload_AddsLevelsTimesScaleTimesFactor()
    {
        var payload = new Payload<double>(2);
        payload.SetQuantized(0.25f, [4, -2]);
        double[] destination = [1, 1];

        payload.AddTo(destination, 2.0);

        Assert.That(destination, Is.EqualTo(new[] { 3.0, 0.0 }));
    }

    [Test]
    public void CopyFrom_OfQuantizedPayload_KeepsItsLevelsAndScale()
    {
        var source = new Payload<float>(2);
        source.SetQuantized(0.5f, [1, -7]);
        var copy = new Payload<float>(2);

        copy.CopyFrom(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.IsQuantized, Is.True);
            Assert.That(copy.QuantizationScale, Is.EqualTo(0.5f));
            Assert.That(copy.Levels.Take(2), Is.EqualTo(new[] { 1, -7 }));
            Assert.That(EncodingAssert.ToDense(copy), Is.EqualTo(new[] { 0.5f, -3.5f }));
        }
    }

    [Test]
    public void SetDense_AfterSetQuantized_IsNoLongerQuantized()
    {
        var payload = new Payload<float>(1);
        payload.SetQuantized(1f, [1]);

        payload.SetDense()[0] = 0.3f;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(payload.IsQuantized, Is.False);
            Assert.That(EncodingAssert.ToDense(payload), Is.EqualTo(new[] { 0.3f }));
        }
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(-1f)]
    public void SetQuantized_OfNonFiniteOrNegativeScale_Throws(float scale)
    {
        var payload = new Payload<float>(1);

        Assert.That(() => payload.SetQuantized(scale, [1]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void SetQuantized_OfWrongLevelCount_Throws()
    {
        var payload = new Payload<float>(3);

        Assert.That(() => payload.SetQuantized(1f, [1, 2]), Throws.ArgumentException);
    }
}
