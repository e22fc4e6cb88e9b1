using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class UnitsTests
{
    [TestCase(1_000_000L, 1_000_000_000L, 8_000_000L)]
    [TestCase(1L, 3L, 2_666_666_667L)]
    [TestCase(125L, 1_000_000_000L, 1_000L)]
    [TestCase(0L, 1L, 0L)]
    public void Divide_SizeByBandwidth_RoundsUpToTheNextNanosecond(long bytes, long bitsPerSecond, long expected)
    {
        var time = DataSize.FromBytes(bytes) / Bandwidth.FromBitsPerSecond(bitsPerSecond);

        Assert.That(time.Nanoseconds, Is.EqualTo(expected));
    }

    [Test]
    public void Divide_WhenTheTimeOverflows_Throws()
    {
        Assert.That(
            () => DataSize.FromBytes(long.MaxValue / 8) / Bandwidth.FromBitsPerSecond(1),
            Throws.TypeOf<OverflowException>());
    }

    [Test]
    public void DataSize_WhenNegative_ThrowsNamingTheField()
    {
        Assert.That(
            () => DataSize.FromBytes(-1),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("bytes"));
    }

    [TestCase(0L)]
    [TestCase(-5L)]
    public void Bandwidth_WhenNotPositive_ThrowsNamingTheField(long bitsPerSecond)
    {
        Assert.That(
            () => Bandwidth.FromBitsPerSecond(bitsPerSecond),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("bitsPerSecond"));
    }

    [TestCase(double.NaN)]
    [TestCase(-1e9)]
    public void Bandwidth_FromDouble_WhenNaNOrNegative_ThrowsNamingTheField(double bitsPerSecond)
    {
        Assert.That(
            () => Bandwidth.FromBitsPerSecond(bitsPerSecond),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("bitsPerSecond"));
    }

    [Test]
    public void Link_TransferTime_AddsTheOverheadBytes()
    {
        var link = new Link(Bandwidth.FromGigabitsPerSecond(1), SimTime.FromMicroseconds(500), DataSize.FromBytes(66));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(link.TransferTime(DataSize.FromBytes(1_000)).Nanoseconds, Is.EqualTo(8_528));
            Assert.That(link.DeliveryTime(DataSize.FromBytes(1_000)).Nanoseconds, Is.EqualTo(508_528));
        }
    }

    [TestCase(double.NaN, "latencySeconds")]
    [TestCase(-0.001, "latencySeconds")]
    public void Link_FromValues_WithBadLatency_ThrowsNamingTheField(double latency, string field)
    {
        Assert.That(
            () => Link.FromValues(1e9, latency),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo(field));
    }

    [TestCase(-1e6)]
    [TestCase(double.NaN)]
    public void Link_FromValues_WithBadBandwidth_ThrowsNamingTheField(double bandwidth)
    {
        Assert.That(
            () => Link.FromValues(bandwidth, 0.001),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("bandwidthBitsPerSecond"));
    }

    [Test]
    public void Link_WithNegativeLatency_ThrowsNamingTheField()
    {
        Assert.That(
            () => new Link(Bandwidth.OneGigabitPerSecond, SimTime.FromNanoseconds(-1), DataSize.Zero),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("Latency"));
    }

    [Test]
    public void StarTopology_WithZeroWorkers_ThrowsNamingTheField()
    {
        Assert.That(
            () => StarTopology.Homogeneous(0),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("workers"));
    }

    [Test]
    public void StarTopology_Default_IsOneGigabitEverywhere()
    {
        var star = StarTopology.Homogeneous(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(star.WorkerCount, Is.EqualTo(3));
            Assert.That(star.Uplinks.Select(l => l.Bandwidth.BitsPerSecond), Is.All.EqualTo(1_000_000_000));
            Assert.That(star.Downlinks.Select(l => l.Bandwidth.BitsPerSecond), Is.All.EqualTo(1_000_000_000));
            Assert.That(star.ServerIngress.BitsPerSecond, Is.EqualTo(1_000_000_000));
        }
    }
}
