using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class SimTimeTests
{
    [TestCase(0.0000015, 1_500L)]
    [TestCase(1.0, 1_000_000_000L)]
    [TestCase(2.5e-9, 3L)]
    [TestCase(-2.5e-9, -3L)]
    public void FromSeconds_RoundsToNearestNanosecondAwayFromZero(double seconds, long expected)
    {
        var time = SimTime.FromSeconds(seconds);

        Assert.That(time.Nanoseconds, Is.EqualTo(expected));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(1e12)]
    public void FromSeconds_WhenNotFiniteOrTooLarge_ThrowsNamingTheArgument(double seconds)
    {
        Assert.That(
            () => SimTime.FromSeconds(seconds),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("seconds"));
    }

    [Test]
    public void Arithmetic_AndOrdering_AreExactOnNanoseconds()
    {
        var a = SimTime.FromMilliseconds(5);
        var b = SimTime.FromMicroseconds(1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((a + b).Nanoseconds, Is.EqualTo(5_001_000));
            Assert.That((a - b).Nanoseconds, Is.EqualTo(4_999_000));
            Assert.That(b < a, Is.True);
            Assert.That(a.CompareTo(b), Is.Positive);
            Assert.That(a.ToString(), Is.EqualTo("0.005000000 s"));
        }
    }

    [Test]
    public void Addition_WhenItOverflows_Throws()
    {
        Assert.That(() => SimTime.MaxValue + SimTime.FromNanoseconds(1), Throws.TypeOf<OverflowException>());
    }
}
