using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class FlowNetworkTests
{
    private const long Second = 1_000_000_000;

    [TestCase(IngressPolicy.SequentialPush, false)]
    [TestCase(IngressPolicy.FairShare, false)]
    [TestCase(IngressPolicy.Unlimited, false)]
    [TestCase(IngressPolicy.SequentialPush, true)]
    [TestCase(IngressPolicy.FairShare, true)]
    public void SingleUpload_EqualsTheClosedForm_ToTheNanosecond(IngressPolicy policy, bool newConnection)
    {
        var uplink = new Link(Bandwidth.FromBitsPerSecond(3_333_333), SimTime.FromNanoseconds(1_234_567), DataSize.FromBytes(66))
        {
            Framing = new TcpFraming(1500),
            NewConnection = newConnection ? new TcpNewConnection() : null,
        };
        var star = new StarTopology([uplink], [Link.Default], Bandwidth.FromBitsPerSecond(2_500_001));
        var payload = DataSize.FromBytes(123_457);
        var closed = new ParameterServerRound(
            star, ComputeModel.Uniform(1), new ParameterServerOptions { Ingress = policy, ModelSize = DataSize.Zero });
        var start = closed.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(1, payload, SimTime.Zero))[0].UploadStart;

        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, star, policy);
        simulation.Run(start);
        var transfer = network.Upload(0, payload, delivered: null);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transfer.Delivered, Is.EqualTo(closed.LastRound[0].ReceiveEnd.Nanoseconds));
            Assert.That(transfer.ReceiveStart, Is.EqualTo(closed.LastRound[0].ReceiveStart.Nanoseconds));
            Assert.That(transfer.WireBytes, Is.EqualTo(uplink.WireSize(payload).Bytes));
            Assert.That(network.ActiveTransfers, Is.Zero);
        }
    }

    [Test]
    public void Download_IsSerializationRoundedUpPlusLatency_AndSentBeforeTheLatency()
    {
        var downlink = new Link(Bandwidth.FromBitsPerSecond(3_000_001), SimTime.FromMilliseconds(7), DataSize.FromBytes(40));
        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, new StarTopology([Link.Default], [downlink], Bandwidth.OneGigabitPerSecond), IngressPolicy.FairShare);
        long sentAt = -1;

        var transfer = network.Download(0, DataSize.FromBytes(99_999), delivered: null, sent: t => sentAt = simulation.Now.Nanoseconds);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transfer.Delivered, Is.EqualTo(downlink.DeliveryTime(DataSize.FromBytes(99_999)).Nanoseconds));
            Assert.That(sentAt, Is.EqualTo(downlink.TransferTime(DataSize.FromBytes(99_999)).Nanoseconds));
            Assert.That(transfer.Sent, Is.EqualTo(sentAt));
        }
    }

    [Test]
    public void Abort_ReturnsTheWireBytesSentSoFar_AndNoCallbackRuns()
    {
        // 1,000,000 bits at 1 Mbit/s: a quarter of a second sends 250,000 bits = 31,250 bytes.
        var simulation = new Simulation();
        var star = StarTopology.Homogeneous(1, new Link(Bandwidth.FromMegabitsPerSecond(1)), serverIngress: Bandwidth.FromMegabitsPerSecond(10));
        var network = new FlowNetwork(simulation, star, IngressPolicy.SequentialPush);
        var delivered = false;
        var transfer = network.Upload(0, DataSize.FromBytes(125_000), _ => delivered = true);

        simulation.Run(SimTime.FromMilliseconds(250));
        var wasted = network.Abort(transfer);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wasted, Is.EqualTo(31_250));
            Assert.That(delivered, Is.False);
            Assert.That(transfer.Aborted, Is.True);
            Assert.That(transfer.Delivered, Is.EqualTo(-1));
            Assert.That(network.Abort(transfer), Is.Zero);
            Assert.That(network.ActiveTransfers, Is.Zero);
        }
    }

    [TestCase(IngressPolicy.FairShare)]
    [TestCase(IngressPolicy.Unlimited)]
    public void Abort_UnderEveryPolicy_CountsOnlyWhatPassedTheBottleneck(IngressPolicy policy)
    {
        // Latency 100 ms; 8 Mbit/s: at 350 ms, 250 ms of sending = 2,000,000 bits = 250,000 bytes.
        var simulation = new Simulation();
        var uplink = new Link(Bandwidth.FromMegabitsPerSecond(8), SimTime.FromMilliseconds(100), DataSize.Zero);
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(1, uplink), policy);
        var transfer = network.Upload(0, DataSize.FromMegabytes(1), null);

        simulation.Run(SimTime.FromMilliseconds(350));

        Assert.That(network.Abort(transfer), Is.EqualTo(250_000));
    }

    [Test]
    public void Abort_BeforeTheFirstBitArrives_WastesNothing_AndFreesTheQueue()
    {
        var simulation = new Simulation();
        var uplink = new Link(Bandwidth.FromMegabitsPerSecond(8), SimTime.FromMilliseconds(100), DataSize.Zero);
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(2, uplink), IngressPolicy.SequentialPush);
        var first = network.Upload(0, DataSize.FromMegabytes(1), null);
        var second = network.Upload(1, DataSize.FromMegabytes(1), null);

        simulation.Run(SimTime.FromMilliseconds(50));
        var wasted = network.Abort(first);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wasted, Is.Zero);
            Assert.That(second.Delivered, Is.EqualTo(1_100_000_000));
        }
    }

    [Test]
    public void CapacityChangeMidFlow_ChangesTheRateFromThatInstant()
    {
        // 8 Mbit/s until 0.5 s, then 2 Mbit/s: 1 MB = 8,000,000 bits; 4,000,000 by 0.5 s, the rest takes 2 s more.
        var simulation = new Simulation();
        var downlink = new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(3), DataSize.Zero);
        var schedule = new StepCapacity((0, 8_000_000), (Second / 2, 2_000_000));
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(1, downlink: downlink), IngressPolicy.SequentialPush, downlinkCapacity: [schedule]);

        var transfer = network.Download(0, DataSize.FromMegabytes(1), null);
        simulation.Run();

        Assert.That(transfer.Delivered, Is.EqualTo((5 * Second / 2) + 3_000_000));
    }

    [Test]
    public void CapacityZero_PausesTheFlow_AndItResumesWhereItStopped()
    {
        // 1 Mbit/s, paused from 0.5 s to 1.5 s: 1,000,000 bits end at 2 s instead of 1 s. The ingress pause holds the
        // sequential queue's head too.
        var simulation = new Simulation();
        var uplink = new Link(Bandwidth.FromMegabitsPerSecond(1));
        var schedule = new StepCapacity((0, 1_000_000), (Second / 2, 0), (3 * Second / 2, 1_000_000));
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(1, uplink), IngressPolicy.SequentialPush, uplinkCapacity: [schedule]);

        var transfer = network.Upload(0, DataSize.FromBytes(125_000), null);
        simulation.Run();

        Assert.That(transfer.Delivered, Is.EqualTo(2 * Second));
    }

    [Test]
    public void CapacityZero_PausesAFairShareFlow_WithoutLosingItsData()
    {
        var simulation = new Simulation();
        var uplink = new Link(Bandwidth.FromMegabitsPerSecond(1));
        var schedule = new StepCapacity((0, 1_000_000), (Second / 4, 0), (Second, 1_000_000));
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(2, uplink), IngressPolicy.FairShare, uplinkCapacity: [schedule, null]);

        var paused = network.Upload(0, DataSize.FromBytes(125_000), null);
        var steady = network.Upload(1, DataSize.FromBytes(125_000), null);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(paused.Delivered, Is.EqualTo(7 * Second / 4));
            Assert.That(steady.Delivered, Is.EqualTo(Second));
        }
    }

    [TestCase(IngressPolicy.FairShare)]
    [TestCase(IngressPolicy.SequentialPush)]
    public void IngressCapacityZero_PausesUploads(IngressPolicy policy)
    {
        // Ingress 1 Mbit/s, 0 from 0.5 s to 1.5 s; two 1,000,000-bit uploads. Fair: 0.5 Mbit/s each, 250,000 bits
        // each by the pause, the 1,500,000 left take 1.5 s more: both in at 3 s. Sequential: the first has 500,000 bits
        // left at the pause, in at 2 s; the second takes 1 s more.
        var simulation = new Simulation();
        var schedule = new StepCapacity((0, 1_000_000), (Second / 2, 0), (3 * Second / 2, 1_000_000));
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(2), policy, ingressCapacity: schedule);

        var a = network.Upload(0, DataSize.FromBytes(125_000), null);
        var b = network.Upload(1, DataSize.FromBytes(125_000), null);
        simulation.Run();

        Assert.That(
            new[] { a.Delivered, b.Delivered },
            Is.EqualTo(policy == IngressPolicy.FairShare ? new[] { 3 * Second, 3 * Second } : new[] { 2 * Second, 3 * Second }));
    }

    [Test]
    public void FlowsOnOneUplink_ShareIt()
    {
        // Two 1,000,000-bit notices on a 1 Mbit/s uplink: 0.5 Mbit/s each until both end at 2 s; a third, started at
        // 1 s, gets a third of the link until then.
        var simulation = new Simulation();
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(1, new Link(Bandwidth.FromMegabitsPerSecond(1))), IngressPolicy.Unlimited);
        var a = network.Upload(0, DataSize.FromBytes(125_000), null);
        var b = network.Notify(0, DataSize.FromBytes(125_000), null);
        Transfer? c = null;
        simulation.Process(Later(simulation, Second, () => c = network.Upload(0, DataSize.FromBytes(125_000), null)));

        simulation.Run();

        // At 1 s each of a, b has 500,000 bits left; at 333,333 bit/s they end at 1 s + 1.5 s = 2.5 s (rounded up),
        // when c has 500,000 bits sent (rounded): it runs alone at 1 Mbit/s for the rest.
        var third = 500_000L * Second;
        var end = Second + ((third + 333_332) / 333_333);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Delivered, Is.EqualTo(end));
            Assert.That(b.Delivered, Is.EqualTo(end));
            Assert.That(c!.Delivered, Is.EqualTo(end + ((1_000_000L * Second) - (333_333L * (end - Second)) + 999_999) / 1_000_000));
        }
    }

    [Test]
    public void SequentialPush_SimultaneousArrivals_AreTakenInWorkerOrder()
    {
        var simulation = new Simulation();
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(3, new Link(Bandwidth.FromMegabitsPerSecond(8))), IngressPolicy.SequentialPush);
        var order = new List<int>();

        for (var w = 2; w >= 0; w--)
        {
            network.Upload(w, DataSize.FromMegabytes(1), t => order.Add(t.Worker));
        }

        simulation.Run();

        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void FlowEvents_CountStartsArrivalsAndCompletions()
    {
        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(2), IngressPolicy.FairShare);

        network.Upload(0, DataSize.FromKilobytes(1), null);
        network.Download(1, DataSize.FromKilobytes(1), null);
        simulation.Run();

        Assert.That(network.FlowEvents, Is.EqualTo(5));
    }

    [Test]
    public void ChangingSchedules_DoNotKeepAnIdleNetworkAwake_AndAreReadAtTheStart()
    {
        // Capacity alternates every 1 ms between 8 and 4 Mbit/s (8 on even milliseconds). A 500-byte download started at
        // 11.5 ms runs at 4 Mbit/s until 12 ms (2,000 bits), then at 8 Mbit/s: the other 2,000 bits take 0.25 ms more.
        var simulation = new Simulation();
        var schedule = new AlternatingCapacity(1_000_000, 8_000_000, 4_000_000);
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(1), IngressPolicy.FairShare, downlinkCapacity: [schedule]);
        simulation.Run();
        Transfer? transfer = null;

        simulation.Process(Later(simulation, 11_500_000, () => transfer = network.Download(0, DataSize.FromBytes(500), null)));
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transfer!.Delivered, Is.EqualTo(12_250_000));
            Assert.That(simulation.ScheduledEvents, Is.Zero);
        }
    }

    [Test]
    public void ABusyFairIngress_RenumbersItsFlows_WithoutLosingData()
    {
        // Three workers upload 1,000-byte messages back to back through a 1 Mbit/s ingress that a fourth worker's 10 MB
        // upload keeps busy, so flow ids pass the renumbering threshold. The link is always full: 3,000 messages of
        // 8,000 bits and 80,000,000 bits end at 104 s, late by at most one nanosecond per completion (rounded up).
        var simulation = new Simulation();
        var network = new FlowNetwork(
            simulation, StarTopology.Homogeneous(4, serverIngress: Bandwidth.FromMegabitsPerSecond(1)), IngressPolicy.FairShare);
        var left = new[] { 1_000, 1_000, 1_000, 1 };
        long last = 0;
        void Delivered(Transfer t)
        {
            last = Math.Max(last, t.Delivered);
            if (--left[t.Worker] > 0)
            {
                network.Upload(t.Worker, DataSize.FromBytes(1_000), Delivered);
            }
        }

        for (var w = 0; w < 3; w++)
        {
            network.Upload(w, DataSize.FromBytes(1_000), Delivered);
        }

        network.Upload(3, DataSize.FromMegabytes(10), Delivered);
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(last, Is.InRange(104 * Second, (104 * Second) + 3_001));
            Assert.That(network.FairIdRenumberings, Is.Positive);
        }
    }

    private static IEnumerable<Event> Later(Simulation simulation, long delay, Action action)
    {
        yield return simulation.Timeout(SimTime.FromNanoseconds(delay));
        action();
    }

    [TestCase(IngressPolicy.SequentialPush)]
    [TestCase(IngressPolicy.FairShare)]
    [TestCase(IngressPolicy.Unlimited)]
    public void SeveralServers_AWorkersUploadsToThemShareItsUplink_AndEachIngressQueuesItsOwn(IngressPolicy policy)
    {
        // Worker 0 sends 1 MB to each of two servers, worker 1 1 MB to server 1, all at 8 Mbit/s uplinks and 8 Mbit/s
        // ingresses. Server 0 takes worker 0's upload; server 1 worker 0's too under the sequential policy (worker
        // 1's waits), so worker 0's two uploads share its uplink: 4 Mbit/s each, both in at 2 s; then worker 1's at
        // 3 s. Fair share: server 1's ingress gives each of its two flows 4 Mbit/s; worker 0's uplink caps its
        // flows at 4 Mbit/s: all three in at 2 s. Unlimited: only the uplinks: worker 0's at 2 s, worker 1's at 1 s.
        var link = new Link(Bandwidth.FromMegabitsPerSecond(8));
        var star = StarTopology.Homogeneous(2, link, link);
        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, star, policy, [Bandwidth.FromMegabitsPerSecond(8), Bandwidth.FromMegabitsPerSecond(8)]);

        var a = network.Upload(0, 0, DataSize.FromMegabytes(1), delivered: null);
        var b = network.Upload(0, 1, DataSize.FromMegabytes(1), delivered: null);
        var c = network.Upload(1, 1, DataSize.FromMegabytes(1), delivered: null);
        simulation.Run();

        var expected = policy switch
        {
            IngressPolicy.SequentialPush => new[] { 2 * Second, 2 * Second, 3 * Second },
            IngressPolicy.FairShare => [2 * Second, 2 * Second, 2 * Second],
            _ => [2 * Second, 2 * Second, Second],
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { a.Delivered, b.Delivered, c.Delivered }, Is.EqualTo(expected));
            Assert.That(new[] { a.Server, b.Server, c.Server }, Is.EqualTo(new[] { 0, 1, 1 }));
            Assert.That(network.Servers, Is.EqualTo(2));
            Assert.That(() => network.Upload(0, 2, DataSize.Zero, null), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new FlowNetwork(simulation, star, policy, Array.Empty<Bandwidth>()), Throws.ArgumentException);
        }
    }
}

/// <summary>A capacity in steps: (from, bit/s) in increasing time, the first at 0.</summary>
internal sealed class StepCapacity(params (long From, long BitsPerSecond)[] steps) : ICapacitySchedule
{
    public long BitsPerSecondAt(long time) => steps.Last(s => s.From <= time).BitsPerSecond;

    public long NextChange(long time) => steps.Select(s => s.From).Where(f => f > time).DefaultIfEmpty(long.MaxValue).First();
}

/// <summary>A capacity that alternates every <paramref name="period"/> ns: <paramref name="even"/> in even periods.</summary>
internal sealed class AlternatingCapacity(long period, long even, long odd) : ICapacitySchedule
{
    public long BitsPerSecondAt(long time) => time / period % 2 == 0 ? even : odd;

    public long NextChange(long time) => ((time / period) + 1) * period;
}
