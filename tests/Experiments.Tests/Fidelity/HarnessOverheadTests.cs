using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class HarnessOverheadTests
{
    private static readonly FidelityConfiguration Push =
        new(3, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(5), FidelityMode.Push);

    private static readonly PlannedIteration TwoUploadsOneSkip = new("SASG", 0, [1_000, -1, 1_000]);

    [Test]
    public void From_IsTheMedianAndP95OfWhatTheProbesTookBeyondTwoLatencies()
    {
        long[] probes = [10_100_000, 10_500_000, 10_200_000, 10_300_000, 10_400_000];

        var overhead = HarnessOverhead.From(Push, probes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(overhead.Count, Is.EqualTo(5));
            Assert.That(overhead.MedianNanoseconds, Is.EqualTo(300_000));
            Assert.That(overhead.P95Nanoseconds, Is.EqualTo(480_000));
            Assert.That(overhead.ToString(), Is.EqualTo("0.300 / 0.480 ms (n = 5)"));
        }
    }

    [Test]
    public void From_ProbesFasterThanTwoLatencies_SubtractNothing_AndNoProbesIsNone()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HarnessOverhead.From(Push, [9_900_000]).MedianNanoseconds, Is.Zero);
            Assert.That(HarnessOverhead.From(Push, []), Is.EqualTo(HarnessOverhead.None));
            Assert.That(HarnessOverhead.None.For(Push, TwoUploadsOneSkip), Is.Zero);
            Assert.That(HarnessOverhead.None.ToString(), Is.EqualTo("not measured"));
        }
    }

    [Test]
    public void Exchanges_PushIsOne_PullIsOnePerUpload_NewConnectionsAddTheirHandshake()
    {
        var allSkip = new PlannedIteration("SASG", 0, [-1, -1, -1]);
        var pull = Push with { Mode = FidelityMode.Pull };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(HarnessOverhead.Exchanges(Push, TwoUploadsOneSkip), Is.EqualTo(1));
            Assert.That(HarnessOverhead.Exchanges(Push with { NewConnection = true }, TwoUploadsOneSkip), Is.EqualTo(2));
            Assert.That(HarnessOverhead.Exchanges(pull, TwoUploadsOneSkip), Is.EqualTo(2));
            Assert.That(HarnessOverhead.Exchanges(pull with { NewConnection = true }, TwoUploadsOneSkip), Is.EqualTo(4));
            Assert.That(HarnessOverhead.Exchanges(pull, allSkip), Is.EqualTo(1));
            Assert.That(new HarnessOverhead(3, 250_000, 900_000).For(pull, TwoUploadsOneSkip), Is.EqualTo(500_000));
        }
    }
}
