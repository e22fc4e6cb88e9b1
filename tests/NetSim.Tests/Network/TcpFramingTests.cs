using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class TcpFramingTests
{
    [TestCase(1500, 1448)]
    [TestCase(9000, 8948)]
    public void MaximumSegmentSize_IsMtuLessIpTcpAndTimestampHeaders(int mtu, int mss)
    {
        Assert.That(new TcpFraming(mtu).MaximumSegmentSize, Is.EqualTo(mss));
    }

    [TestCase(0L, 1L)]
    [TestCase(1L, 1L)]
    [TestCase(1448L, 1L)]
    [TestCase(1449L, 2L)]
    [TestCase(1_628_208L, 1125L)]
    public void Segments_AtMtu1500_AreTheCeilingOfMessageOverMss_AtLeastOne(long bytes, long segments)
    {
        Assert.That(new TcpFraming(1500).Segments(DataSize.FromBytes(bytes)), Is.EqualTo(segments));
    }

    [Test]
    public void WireSize_OfADenseMlpGradient_Adds66BytesPerSegment()
    {
        // 1,628,200 B of float32 gradient + 8 B header: 1,125 segments of at most 1,448 B.
        var wire = new TcpFraming(1500).WireSize(DataSize.FromBytes(1_628_208));

        Assert.That(wire.Bytes, Is.EqualTo(1_628_208 + (1125 * 66)));
    }

    [TestCase(575)]
    [TestCase(65536)]
    public void Constructor_MtuOutOfRange_Throws(int mtu)
    {
        Assert.That(() => new TcpFraming(mtu), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void LinkWireSize_WithoutFraming_IsPayloadPlusOverheadAsBefore()
    {
        var link = new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.Zero, DataSize.FromBytes(8));

        Assert.That(link.WireSize(DataSize.FromBytes(100_000)).Bytes, Is.EqualTo(100_008));
    }

    [Test]
    public void LinkTransferTime_WithFraming_SegmentsPayloadAndHeaderTogether()
    {
        var link = new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.Zero, DataSize.FromBytes(8)) { Framing = new TcpFraming(1500) };

        var time = link.TransferTime(DataSize.FromBytes(1440));

        // 1,448 B fit one segment exactly: (1,448 + 66) · 8 bit at 100 Mbit/s = 121,120 ns.
        Assert.That(time.Nanoseconds, Is.EqualTo(121_120));
    }

    [Test]
    public void FairShareRound_WithFraming_EndsAtLatencyPlusMTimesWireTransfer()
    {
        const int workers = 4;
        var d = SimTime.FromMilliseconds(5);
        var link = new Link(Bandwidth.FromMegabitsPerSecond(100), d, DataSize.FromBytes(8)) { Framing = new TcpFraming(1500) };
        var round = new ParameterServerRound(
            StarTopology.Homogeneous(workers, link, link, Bandwidth.FromMegabitsPerSecond(100)),
            ComputeModel.Uniform(workers),
            new ParameterServerOptions { Ingress = IngressPolicy.FairShare });

        var timing = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(workers, DataSize.FromBytes(1_628_200), SimTime.Zero));

        // Model broadcast of 0 payload: 8 B header in one segment (74 B) + D; then D + 4 · wire / B.
        var broadcast = (74L * 8 * 10) + d.Nanoseconds;
        var uploads = workers * (1_628_208L + (1125 * 66)) * 8 * 10;
        Assert.That(timing.End.Nanoseconds, Is.EqualTo(broadcast + d.Nanoseconds + uploads));
    }
}
