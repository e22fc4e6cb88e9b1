using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.NetSim.Tests.Protocols;

/// <summary>The protocol processes against closed forms: M identical workers computing for C and uploading for U,
/// the model arriving at once.</summary>
[TestFixture]
public sealed class ProtocolProcessTests
{
    private const long C = 3000;
    private const long U = 2000;
    private static readonly DataSize Payload = DataSize.FromBytes(1000); // 2 ns a byte: U
    private static readonly ProtocolMessages Messages = new(DataSize.Zero, DataSize.Zero, DataSize.FromBytes(64));

    // Links of 4 Gbit/s without latency or overhead: the 1000-byte payload takes U = 2000 ns, the empty model nothing.
    private static FlowNetwork Network(Simulation simulation, int workers, IngressPolicy ingress = IngressPolicy.Unlimited)
    {
        var link = new Link(Bandwidth.FromGigabitsPerSecond(4), SimTime.Zero, DataSize.Zero);
        var links = Enumerable.Repeat(link, workers).ToArray();
        return new FlowNetwork(simulation, new StarTopology(links, links, Bandwidth.FromGigabitsPerSecond(4)), ingress);
    }

    [Test]
    public void Asynchronous_UnlimitedIngress_AppliesMUpdatesEveryCPlusU()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 12);
        var server = new FreeRunningServer(Network(simulation, 4), ComputeModel.Uniform(4), Messages, buffer: 1);

        var summary = server.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Outcome, Is.EqualTo(ProtocolOutcome.Stopped));
            Assert.That(summary.Updates, Is.EqualTo(12));
            Assert.That(plan.Updates.Select(u => u.Time), Is.EqualTo(new long[] { 5000, 5000, 5000, 5000, 10000, 10000, 10000, 10000, 15000, 15000, 15000, 15000 }));
            Assert.That(plan.Updates.Select(u => string.Join(' ', u.Workers)), Is.EqualTo(Enumerable.Repeat(new[] { "0", "1", "2", "3" }, 3).SelectMany(x => x)));
        }
    }

    [Test]
    public void Asynchronous_SequentialServerAtTheUplinkRate_AppliesAtMostOneUpdatePerU()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 20);
        var server = new FreeRunningServer(Network(simulation, 4, IngressPolicy.SequentialPush), ComputeModel.Uniform(4), Messages, buffer: 1);

        server.Run(plan);

        var times = plan.Updates.Select(u => u.Time).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(times[0], Is.EqualTo(C + U));
            // M U = 8000 > C + U: the server never idles, so the updates come exactly U apart.
            Assert.That(times.Zip(times.Skip(1), (a, b) => b - a), Is.All.EqualTo(U));
            // All four first bits reach the ingress at C; they are received in worker order.
            Assert.That(plan.QueueWaits.Take(4), Is.EqualTo(new long[] { 0, U, 2 * U, 3 * U }));
        }
    }

    [Test]
    public void Buffered_AppliesEveryKArrivals_AndWorkersDoNotWait()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 4);
        var server = new FreeRunningServer(Network(simulation, 4), ComputeModel.Uniform(4), Messages, buffer: 2);

        server.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Updates.Select(u => u.Time), Is.EqualTo(new long[] { 5000, 5000, 10000, 10000 }));
            Assert.That(plan.Updates.Select(u => string.Join(' ', u.Workers)), Is.EqualTo(new[] { "0 1", "2 3", "0 1", "2 3" }));
            Assert.That(plan.Log.Count(l => l.StartsWith("5000 start", StringComparison.Ordinal)), Is.EqualTo(4), "every worker pulls again on arrival");
        }
    }

    [Test]
    public void Buffered_AMessageThePlanDoesNotCount_IsNoArrivalOfTheBuffer()
    {
        // Worker 0's first turn is a skip notice (empty: in at C) before it has any message: the plan does not count it,
        // so the first update waits for worker 0's upload of its second turn (C + C + U) instead of taking the notice
        // and worker 1's upload at C + U; the second takes worker 1's at 2(C + U) and worker 0's at 3C + 2U.
        var simulation = new Simulation();
        var turns = new int[2];
        var delivered = new int[2];
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 2)
        {
            Action = w => turns[w]++ == 0 && w == 0 ? WorkerAction.Skip(SimTime.FromNanoseconds(C)) : WorkerAction.Upload(Payload, SimTime.FromNanoseconds(C)),
            Counted = w => !(w == 0 && delivered[0]++ == 0),
        };
        var server = new FreeRunningServer(Network(simulation, 2), ComputeModel.Uniform(2), Messages, buffer: 2);

        var summary = server.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Updates.Select(u => u.Time), Is.EqualTo(new[] { (2 * C) + U, (3 * C) + (2 * U) }));
            Assert.That(plan.Updates.Select(u => string.Join(' ', u.Workers)), Is.EqualTo(new[] { "1 0", "1 0" }));
            Assert.That(summary.Updates, Is.EqualTo(2));
        }
    }

    [Test]
    public void Deadline_NoWorkerCanMeet_ClosesEmptyRounds_AndStallsInsteadOfSpinning()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 10);
        var rounds = new DeadlineRounds(
            Network(simulation, 3), ComputeModel.Uniform(3), Messages, new DeadlineRule(After: SimTime.FromNanoseconds(1000)))
        {
            StallLimit = 5,
        };

        var summary = rounds.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary, Is.EqualTo(new ProtocolRunSummary(ProtocolOutcome.Stalled, 0, 5, SimTime.FromNanoseconds(5000))));
            Assert.That(plan.Updates, Is.Empty);
            Assert.That(plan.Losses, Has.Count.EqualTo(15));
            Assert.That(plan.Losses.Select(l => (l.Reason, l.Wasted)), Is.All.EqualTo((WorkLoss.Late, 0L)));
        }
    }

    [Test]
    public void Deadline_FastestK_KeepsTheKFastest_AndDropsTheRest()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 2);
        var rounds = new DeadlineRounds(
            Network(simulation, 3), new ComputeModel([3.0, 1.0, 2.0]), Messages, new DeadlineRule(Fastest: 2));

        rounds.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            // Worker 1 arrives at C + U = 5000, worker 2 at 2C + U = 8000 (the second: the round closes); worker 0
            // would compute until 9000 and is dropped at 8000 having sent nothing.
            Assert.That(plan.Updates, Has.Count.EqualTo(2));
            Assert.That(plan.Updates[0].Time, Is.EqualTo(8000));
            Assert.That(plan.Updates[0].Workers, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(plan.Losses[0], Is.EqualTo((8000L, 0, WorkLoss.Late, 0L)));
            Assert.That(plan.Updates[1].Time, Is.EqualTo(16000));
        }
    }

    [Test]
    public void Deadline_DropsALateUpload_CountingTheBytesItHadSent()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 1);
        var rounds = new DeadlineRounds(
            Network(simulation, 2), new ComputeModel([1.0, 1.5]), Messages, new DeadlineRule(After: SimTime.FromNanoseconds(6000)));

        rounds.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Updates.Single(), Is.EqualTo((6000L, new[] { 0 })).Using<(long, int[])>((a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2)));
            // Worker 1 computes until 4500 and uploads from then: 1500 ns at 2 ns a byte by the deadline.
            Assert.That(plan.Losses.Single(), Is.EqualTo((6000L, 1, WorkLoss.Late, 750L)));
        }
    }

    [Test]
    public void Deadline_KeepingLateUploads_AppliesThemStaleInTheNextUpdate()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 2);
        var rounds = new DeadlineRounds(
            Network(simulation, 2),
            new ComputeModel([1.0, 1.5]),
            Messages,
            new DeadlineRule(After: SimTime.FromNanoseconds(6000), KeepLate: true));

        rounds.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Losses, Is.Empty);
            // Round 2 starts at 6000 and asks only worker 0 (worker 1 is still uploading, in until 6500); worker 0 is in
            // at 11000, which closes the round with worker 1's stale message first.
            Assert.That(plan.Updates.Select(u => u.Time), Is.EqualTo(new long[] { 6000, 11000 }));
            Assert.That(plan.Updates[1].Workers, Is.EqualTo(new[] { 1, 0 }));
        }
    }

    [Test]
    public void Availability_AWorkerGoingOfflineMidUpload_LosesItsTurn_AndResumesWhenBack()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 1);
        var server = new FreeRunningServer(
            Network(simulation, 1), ComputeModel.Uniform(1), Messages, buffer: 1, new IntervalAvailability((0, 4000, 20000)));

        var summary = server.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Losses.Single(), Is.EqualTo((4000L, 0, WorkLoss.Offline, 500L)));
            Assert.That(plan.Updates.Single().Time, Is.EqualTo(25000));
            Assert.That(summary.Outcome, Is.EqualTo(ProtocolOutcome.Stopped));
        }
    }

    [Test]
    public void Availability_NoWorkerEverOnline_EndsExhaustedWithoutAnUpdate()
    {
        var simulation = new Simulation();
        var plan = new RecordingPlan(simulation, SimTime.FromNanoseconds(C), Payload, maxUpdates: 1);
        var offline = new IntervalAvailability((0, 0, long.MaxValue), (1, 0, long.MaxValue));
        var server = new FreeRunningServer(Network(simulation, 2), ComputeModel.Uniform(2), Messages, buffer: 1, offline);
        var rounds = new DeadlineRounds(
            Network(new Simulation(), 2), ComputeModel.Uniform(2), Messages, new DeadlineRule(After: SimTime.FromNanoseconds(1)), offline);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Run(plan).Outcome, Is.EqualTo(ProtocolOutcome.Exhausted));
            Assert.That(rounds.Run(plan).Outcome, Is.EqualTo(ProtocolOutcome.Exhausted));
            Assert.That(plan.Updates, Is.Empty);
        }
    }
}
