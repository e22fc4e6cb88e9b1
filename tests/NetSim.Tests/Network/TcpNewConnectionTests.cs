using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class TcpNewConnectionTests
{
    private static readonly SimTime Rtt = SimTime.FromMilliseconds(10);

    [Test]
    public void Delay_MessageWithinTheInitialWindow_IsTheHandshakeOnly()
    {
        var delay = new TcpNewConnection().Delay(10, 10 * 1514 * 8, 100_000_000, Rtt);

        Assert.That(delay, Is.EqualTo(Rtt));
    }

    [Test]
    public void Delay_LongMessage_AddsAStallPerSlowStartRoundUntilAWindowFillsThePipe()
    {
        // 1,125 segments of 1,514 B at 100 Mbit/s: p = 121.12 us. Windows 10, 20, 40, 80 take less than the 10 ms RTT
        // to send; 160 fill the pipe. Each stalled round adds RTT + p - w p.
        const double p = 121_120;
        var expected = 10e6 + (4 * (10e6 + p)) - ((10 + 20 + 40 + 80) * p);

        var delay = new TcpNewConnection().Delay(1125, 1125L * 1514 * 8, 100_000_000, Rtt);

        Assert.That(delay.Nanoseconds, Is.EqualTo(expected).Within(1));
    }

    [Test]
    public void Delay_PipeFilledByTheInitialWindow_IsTheHandshakeOnly()
    {
        // At 1 Mbit/s ten 1,514-B segments take 121 ms, more than the RTT: no stall.
        var delay = new TcpNewConnection().Delay(1000, 1000L * 1514 * 8, 1_000_000, Rtt);

        Assert.That(delay, Is.EqualTo(Rtt));
    }

    [Test]
    public void Round_UploadOnANewConnection_ArrivesLaterByExactlyTheConnectionDelay()
    {
        var d = SimTime.FromMilliseconds(5);
        var warm = new Link(Bandwidth.FromMegabitsPerSecond(100), d, DataSize.FromBytes(8)) { Framing = new TcpFraming(1500) };
        var cold = warm with { NewConnection = new TcpNewConnection() };
        var plan = FixedRoundPlan.AllUpload(1, DataSize.FromBytes(1_628_200), SimTime.Zero);
        SimTime End(Link uplink) => new ParameterServerRound(
            StarTopology.Homogeneous(1, uplink, warm, Bandwidth.FromMegabitsPerSecond(100)),
            ComputeModel.Uniform(1),
            new ParameterServerOptions { Ingress = IngressPolicy.SequentialPull }).RunRound(0, SimTime.Zero, plan).End;

        var extra = End(cold) - End(warm);

        var expected = new TcpNewConnection().Delay(1125, (1_628_208L + (1125 * 66)) * 8, 100_000_000, SimTime.FromMilliseconds(10));
        Assert.That(extra, Is.EqualTo(expected));
    }
}
