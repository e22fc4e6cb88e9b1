using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class FidelityModelTests
{
    private const long D = 5_000_000;
    private static readonly Bandwidth Rate = Bandwidth.FromMegabitsPerSecond(100);

    // 1,628,200 B + 8 B header in 1,125 segments of 66 B headers, at 100 Mbit/s (80 ns per byte).
    private const long WireTransfer = (1_628_208L + (1125 * 66)) * 80;

    // The 16-byte command in one segment on the 10 Gbit/s downlink (0.8 ns per byte).
    private const long Command = (16 + 66) * 8 / 10;

    private static PlannedIteration Dense(int workers) => new("SGD", 0, Enumerable.Repeat(1_628_200L, workers).ToArray());

    [Test]
    public void Simulate_PushWire_IsCommandPlusTwoLatenciesPlusMWireTransfers()
    {
        var configuration = new FidelityConfiguration(4, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push);

        var time = FidelityModel.Simulate(configuration, [Dense(4)], LinkModelVariant.Wire, null)[0];

        Assert.That(time, Is.EqualTo(Command + (2 * D) + (4 * WireTransfer)).Within(4));
    }

    [Test]
    public void Simulate_Tree_WorkersInParallelIntoTheAggregator_ThenEachUploadForwardedOverItsUplink()
    {
        // M = 2 in G = 1 group: the aggregator's ingress is 2 x 100 Mbit/s, so both 1 MB uploads arrive after D + 80 ms
        // (payload model: no command, header or framing; the model reaches the workers after D); both are then
        // forwarded on the aggregator's own uplink at 100 Mbit/s with no latency, sharing it: 160 ms more.
        var configuration = new FidelityConfiguration(2, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push, Groups: 1);
        var sizes = new PlannedIteration("Top10", 0, [1_000_000L, 1_000_000L]);

        var time = FidelityModel.Simulate(configuration, [sizes], LinkModelVariant.Payload, null)[0];

        Assert.That(time, Is.EqualTo((2 * D) + 80_000_000 + 160_000_000).Within(4));
    }

    [Test]
    public void TreeLayout_ContiguousGroups_AggregatorLinksWithoutLatency_IngressPerGroupOfUplinks()
    {
        var configuration = new FidelityConfiguration(6, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push, Groups: 3);
        var up = new Link(Rate, SimTime.FromNanoseconds(D), DataSize.FromBytes(8));

        var layout = FidelityModel.TreeLayout(configuration, up, up);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(layout.GroupOf, Is.EqualTo(new[] { 0, 0, 1, 1, 2, 2 }));
            Assert.That(layout.AggregatorUplinks.Select(l => l.Latency), Is.All.EqualTo(SimTime.Zero));
            Assert.That(layout.AggregatorUplinks.Select(l => l.Bandwidth), Is.All.EqualTo(Rate));
            Assert.That(layout.AggregatorIngress, Is.All.EqualTo(Bandwidth.FromMegabitsPerSecond(200)));
            Assert.That(layout.Merge, Is.False);
            Assert.That(() => FidelityModel.TreeLayout(configuration with { Groups = 4 }, up, up), Throws.ArgumentException);
        }
    }

    [Test]
    public void Simulate_PullWire_CostsTwoLatenciesPlusTransferPerUpload()
    {
        var configuration = new FidelityConfiguration(3, Rate, SimTime.FromNanoseconds(D), FidelityMode.Pull);

        var time = FidelityModel.Simulate(configuration, [Dense(3)], LinkModelVariant.Wire, null)[0];

        // The first request follows the command (two command times); each later one leaves when an upload is in.
        Assert.That(time, Is.EqualTo((2 * Command) + (3 * ((2 * D) + WireTransfer)) + (2 * Command)).Within(8));
    }

    [Test]
    public void Simulate_PayloadVariant_IsTheOldModelWithoutHeaders()
    {
        var configuration = new FidelityConfiguration(2, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push);

        var time = FidelityModel.Simulate(configuration, [Dense(2)], LinkModelVariant.Payload, null)[0];

        Assert.That(time, Is.EqualTo((2 * D) + (2 * 1_628_200L * 80)));
    }

    [Test]
    public void Simulate_MeasuredLatency_UsesHalfTheRoundTripAndNeedsIt()
    {
        var configuration = new FidelityConfiguration(2, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push);
        var nominal = FidelityModel.Simulate(configuration, [Dense(2)], LinkModelVariant.Wire, null)[0];

        var measured = FidelityModel.Simulate(configuration, [Dense(2)], LinkModelVariant.WireMeasuredLatency, SimTime.FromNanoseconds((2 * D) + 400_000))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(measured - nominal, Is.EqualTo(400_000));
            Assert.That(
                () => FidelityModel.Simulate(configuration, [Dense(2)], LinkModelVariant.WireMeasuredLatency, null),
                Throws.ArgumentException);
        }
    }

    [Test]
    public void Simulate_SlowLinksControl_TakesTenNinthsOfEveryTransfer()
    {
        var configuration = new FidelityConfiguration(2, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push);

        var time = FidelityModel.Simulate(configuration, [Dense(2)], LinkModelVariant.WireSlowLinks, null)[0];

        Assert.That(time, Is.EqualTo(Command + (2 * D) + (2 * WireTransfer * 10 / 9)).Within(16));
    }

    [Test]
    public void Simulate_DoubleLatencyControl_AddsTheLatencyToEveryCrossing()
    {
        var configuration = new FidelityConfiguration(3, Rate, SimTime.FromNanoseconds(D), FidelityMode.Pull);
        var wire = FidelityModel.Simulate(configuration, [Dense(3)], LinkModelVariant.Wire, null)[0];

        var doubled = FidelityModel.Simulate(configuration, [Dense(3)], LinkModelVariant.WireDoubleLatency, null)[0];

        // Three pull exchanges, each a request and an upload.
        Assert.That(doubled - wire, Is.EqualTo(3 * 2 * D));
    }

    [Test]
    public void Simulate_SkippingWorker_ReportsWithAHeaderOnlyNotice()
    {
        var configuration = new FidelityConfiguration(2, Rate, SimTime.FromNanoseconds(D), FidelityMode.Push);

        var time = FidelityModel.Simulate(configuration, [new PlannedIteration("SASG", 0, [-1, -1])], LinkModelVariant.Wire, null)[0];

        // Command, D, then the 8-byte notice in one 74-byte frame at 100 Mbit/s, D.
        Assert.That(time, Is.EqualTo(Command + (2 * D) + (74 * 80)).Within(2));
    }
}
