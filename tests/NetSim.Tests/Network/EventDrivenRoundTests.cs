using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class EventDrivenRoundTests
{
    private const long Second = 1_000_000_000;

    [FsCheck.NUnit.Property(Replay = "20261202,1621", MaxTest = 40)]
    public bool ConstantSchedulesAtTheLinkRates_GiveTheClosedFormsTimes(int seed, byte policy, byte broadcast)
    {
        var random = new Random(seed);
        var (star, factors, noiseSeed) = EventDrivenRoundPropertyTests.Scenario(random);
        var options = new ParameterServerOptions
        {
            Ingress = (IngressPolicy)(policy % 4),
            Broadcast = (BroadcastMode)(broadcast % 3),
            ModelSize = DataSize.FromBytes(random.Next(0, 100_000)),
            SkipNoticeSize = DataSize.FromBytes(64),
            AggregationTime = SimTime.FromMicroseconds(random.Next(0, 100)),
        };
        var plan = FixedRoundPlan.Repeating(Enumerable.Range(0, star.WorkerCount).Select(w => w % 3 == 2
            ? WorkerAction.Skip(SimTime.FromMicroseconds(w))
            : WorkerAction.Upload(DataSize.FromBytes(random.Next(0, 50_000)), SimTime.FromMicroseconds(random.Next(0, 1000)), w % 4 == 1)).ToArray());
        var closed = new ParameterServerRound(star, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), options);
        var events = new EventDrivenRound(
            star,
            EventDrivenRoundPropertyTests.Compute(factors, noiseSeed),
            options,
            star.Uplinks.Select(l => (ICapacitySchedule?)new ConstantCapacity(l.Bandwidth.BitsPerSecond)).ToArray(),
            star.Downlinks.Select(l => (ICapacitySchedule?)new ConstantCapacity(l.Bandwidth.BitsPerSecond)).ToArray(),
            new ConstantCapacity(star.ServerIngress.BitsPerSecond));

        var expected = new List<long>();
        var actual = new List<long>();
        closed.Run(plan, 3, t => expected.AddRange(Enumerable.Range(0, t.WorkerCount).Select(w => t[w].Reported.Nanoseconds).Append(t.End.Nanoseconds)));
        events.Run(plan, 3, t => actual.AddRange(Enumerable.Range(0, t.WorkerCount).Select(w => t[w].Reported.Nanoseconds).Append(t.End.Nanoseconds)));
        return expected.SequenceEqual(actual);
    }

    [Test]
    public void ChangingUplinkSchedule_SlowsTheUploadFromTheChange()
    {
        // The model (1 MB at 8 Mbit/s) is in at 1 s; compute 0.5 s; the 1 MB upload runs at 8 Mbit/s until the uplink
        // drops to 4 Mbit/s at 2 s (4,000,000 bits sent), and the other 4,000,000 bits take 1 s more: in at 3 s, where
        // the closed form, at the fixed 8 Mbit/s, says 2.5 s.
        var link = new Link(Bandwidth.FromMegabitsPerSecond(8));
        var star = StarTopology.Homogeneous(1, link, link);
        var options = new ParameterServerOptions { ModelSize = DataSize.FromMegabytes(1), AggregationTime = SimTime.FromMilliseconds(10) };
        var plan = FixedRoundPlan.AllUpload(1, DataSize.FromMegabytes(1), SimTime.FromMilliseconds(500));
        var schedule = new StepCapacity((0, 8_000_000), (2 * Second, 4_000_000));
        var round = new EventDrivenRound(star, ComputeModel.Uniform(1), options, uplinkCapacity: [schedule]);

        var timing = round.RunRound(0, SimTime.Zero, plan);
        var closed = new ParameterServerRound(star, ComputeModel.Uniform(1), options).RunRound(0, SimTime.Zero, plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(timing[0].ModelReceived.Nanoseconds, Is.EqualTo(Second));
            Assert.That(timing[0].ReceiveEnd.Nanoseconds, Is.EqualTo(3 * Second));
            Assert.That(timing.End.Nanoseconds, Is.EqualTo((3 * Second) + 10_000_000));
            Assert.That(closed[0].ReceiveEnd.Nanoseconds, Is.EqualTo(5 * Second / 2));
        }
    }

    [Test]
    public void SecondRound_SeesTheScheduleAtItsOwnTime()
    {
        // Round 0 ends at 2 s; from 2 s the downlink runs at half rate, so round 1's model takes 2 s instead of 1 s.
        var link = new Link(Bandwidth.FromMegabitsPerSecond(8));
        var star = StarTopology.Homogeneous(1, link, link);
        var options = new ParameterServerOptions { ModelSize = DataSize.FromMegabytes(1) };
        var plan = FixedRoundPlan.AllUpload(1, DataSize.FromMegabytes(1), SimTime.Zero);
        var round = new EventDrivenRound(
            star, ComputeModel.Uniform(1), options, downlinkCapacity: [new StepCapacity((0, 8_000_000), (2 * Second, 4_000_000))]);

        var ends = new List<long>();
        var summary = round.Run(plan, 2, t => ends.Add(t.End.Nanoseconds));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ends, Is.EqualTo(new[] { 2 * Second, 5 * Second }));
            Assert.That(summary.Uploads, Is.EqualTo(2));
        }
    }

    [Test]
    public void ALinkThatNeverDelivers_FailsTheRound_InsteadOfSpinning()
    {
        var star = StarTopology.Homogeneous(1);
        var round = new EventDrivenRound(
            star, ComputeModel.Uniform(1), new ParameterServerOptions { ModelSize = DataSize.FromBytes(10) },
            downlinkCapacity: [new StepCapacity((0, 1_000), (1_000, 0))]);

        Assert.That(
            () => round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(1, DataSize.FromBytes(10), SimTime.Zero)),
            Throws.InvalidOperationException.With.Message.Contains("capacity stays at 0"));
    }
}
