using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;
using Sasg.NetSim.Topologies;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Topologies;

public sealed class HierarchicalRoundTests
{
    // Workers: 100 Mbit/s up and down, uplink latency 20 µs, downlink 30 µs. Aggregators: 1 Gbit/s up, 400 Mbit/s
    // down, 50 µs and 60 µs. Model D = 50 kB, uploads U = 20 kB, compute C = 1 ms, aggregation A = 5 µs.
    private const long WorkerBps = 100_000_000;
    private const long AggUpBps = 1_000_000_000;
    private const long AggDownBps = 400_000_000;
    private const long Lwu = 20_000;
    private const long Lwd = 30_000;
    private const long Lau = 50_000;
    private const long Lad = 60_000;
    private const long D = 50_000;
    private const long U = 20_000;
    private const long C = 1_000_000;
    private const long A = 5_000;

    private static long Ser(long bytes, long bps) => CollectiveRoundTests.Ser(bytes, bps);

    private static StarTopology Workers(int m, long serverIngress) => StarTopology.Homogeneous(
        m,
        new Link(Bandwidth.FromBitsPerSecond(WorkerBps), SimTime.FromNanoseconds(Lwu), DataSize.Zero),
        new Link(Bandwidth.FromBitsPerSecond(WorkerBps), SimTime.FromNanoseconds(Lwd), DataSize.Zero),
        Bandwidth.FromBitsPerSecond(serverIngress));

    private static HierarchicalLayout Layout(int groups, int perGroup, long aggregatorIngress, bool merge) => new(
        Enumerable.Range(0, groups * perGroup).Select(w => w / perGroup).ToArray(),
        Enumerable.Repeat(new Link(Bandwidth.FromBitsPerSecond(AggUpBps), SimTime.FromNanoseconds(Lau), DataSize.Zero), groups).ToArray(),
        Enumerable.Repeat(new Link(Bandwidth.FromBitsPerSecond(AggDownBps), SimTime.FromNanoseconds(Lad), DataSize.Zero), groups).ToArray(),
        Enumerable.Repeat(Bandwidth.FromBitsPerSecond(aggregatorIngress), groups).ToArray(),
        merge);

    private static ParameterServerOptions Options(IngressPolicy ingress) => new()
    {
        Ingress = ingress,
        ModelSize = DataSize.FromBytes(D),
        AggregationTime = SimTime.FromNanoseconds(A),
    };

    private static RoundTiming Run(int groups, int perGroup, IngressPolicy ingress, bool merge, long merged, long aggregatorIngress = WorkerBps, long serverIngress = AggUpBps, ITraceSink? trace = null)
    {
        var m = groups * perGroup;
        var round = new HierarchicalRound(
            Workers(m, serverIngress), Layout(groups, perGroup, aggregatorIngress, merge), ComputeModel.Uniform(m), Options(ingress), new FixedSizes(merged), trace);
        return round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(m, DataSize.FromBytes(U), SimTime.FromNanoseconds(C)));
    }

    // The model reaches every worker at D/B_ad + L_ad + D/B_wd + L_wd; its upload's first bit is at the aggregator
    // C + L_wu later.
    private static long UploadArrival => Ser(D, AggDownBps) + Lad + Ser(D, WorkerBps) + Lwd + C + Lwu;

    [TestCase(1, 1)]
    [TestCase(3, 4)]
    [TestCase(5, 2)]
    public void Unlimited_Merged_IsOneUploadThenOneForward(int groups, int perGroup)
    {
        // Every upload in at U/B_w after its arrival; every aggregator forwards one merged message M: + L_au + M/B_au.
        const long merged = 30_000;
        var t = Run(groups, perGroup, IngressPolicy.Unlimited, merge: true, merged);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.End.Nanoseconds, Is.EqualTo(UploadArrival + Ser(U, WorkerBps) + Lau + Ser(merged, AggUpBps) + A));
            Assert.That(t.UploadedBytes.Bytes, Is.EqualTo(groups * perGroup * U));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo((groups * perGroup * U) + (groups * merged)));
            Assert.That(t.BroadcastDone.Nanoseconds, Is.EqualTo(UploadArrival - C - Lwu));
            Assert.That(t[0].ReceiveEnd.Nanoseconds, Is.EqualTo(UploadArrival + Ser(U, WorkerBps)));
        }
    }

    [TestCase(2, 4)]
    [TestCase(3, 5)]
    public void Unlimited_Each_ForwardsShareTheAggregatorUplink(int groups, int perGroup)
    {
        // The k uploads are in together; their k forwards reach the server L_au later and share the uplink: U/(B_au/k).
        var t = Run(groups, perGroup, IngressPolicy.Unlimited, merge: false, merged: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.End.Nanoseconds, Is.EqualTo(UploadArrival + Ser(U, WorkerBps) + Lau + Ser(U, AggUpBps / perGroup) + A));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(2 * groups * perGroup * U));
        }
    }

    [TestCase(1, 1)]
    [TestCase(3, 4)]
    [TestCase(4, 3)]
    public void SequentialPush_Merged_AggregatorsTakeTheirUploadsInTurnThenTheServerItsAggregators(int groups, int perGroup)
    {
        // Aggregator ingress = B_w: k uploads one after another (k·U/B_w); then G merged messages at the server's
        // ingress (= B_au), one after another: G·M/B_au.
        const long merged = 25_000;
        var t = Run(groups, perGroup, IngressPolicy.SequentialPush, merge: true, merged);

        Assert.That(
            t.End.Nanoseconds,
            Is.EqualTo(UploadArrival + (perGroup * Ser(U, WorkerBps)) + Lau + (groups * Ser(merged, AggUpBps)) + A));
    }

    [TestCase(10, 3)]
    [TestCase(12, 2)]
    public void SequentialPush_Each_KeepsTheServerBusyFromTheFirstForward(int groups, int perGroup)
    {
        // Uploads reach each aggregator every T_u = U/B_w; forwards take T_f = U/B_au at the server. With T_u ≤ G·T_f
        // the server never idles once the first forwards are in: T_u + L_au + G·k·T_f after the arrival.
        var tu = Ser(U, WorkerBps);
        var tf = Ser(U, AggUpBps);
        Assert.That(tu, Is.LessThanOrEqualTo(groups * tf), "the closed form's condition");
        var t = Run(groups, perGroup, IngressPolicy.SequentialPush, merge: false, merged: 0);

        Assert.That(t.End.Nanoseconds, Is.EqualTo(UploadArrival + tu + Lau + (groups * perGroup * tf) + A));
    }

    [FsCheck.NUnit.Property(Replay = "20261203,0725", MaxTest = 80)]
    public bool OneGroup_IsTheStarShiftedByTheAggregatorsDownload_ThenOneForward(int seed, byte policy, bool sequentialBroadcast)
    {
        // With one aggregator, its workers see exactly the star's round (EventDrivenRound) started when the model is at
        // the aggregator; the server then has the merged message (or a skip notice) one forward later.
        var random = new Random(seed);
        var (star, factors, noiseSeed) = EventDrivenRoundPropertyTests.Scenario(random);
        var ingress = (IngressPolicy)(policy % 3) switch
        {
            IngressPolicy.SequentialPull => IngressPolicy.Unlimited,
            var p => p,
        };
        var options = new ParameterServerOptions
        {
            Ingress = ingress,
            Broadcast = sequentialBroadcast ? BroadcastMode.Sequential : BroadcastMode.Parallel,
            ModelSize = DataSize.FromBytes(random.Next(0, 100_000)),
            SkipNoticeSize = DataSize.FromBytes(random.Next(0, 100)),
            AggregationTime = SimTime.FromNanoseconds(random.Next(0, 100_000)),
        };
        var m = star.WorkerCount;
        var actions = Enumerable.Range(0, m).Select(w => random.Next(6) switch
        {
            0 => WorkerAction.Skip(SimTime.FromNanoseconds(random.Next(0, 1_000_000))),
            1 when w > 0 => WorkerAction.Idle,
            _ => WorkerAction.Upload(DataSize.FromBytes(random.Next(0, 100_000)), SimTime.FromNanoseconds(random.Next(0, 1_000_000))),
        }).ToArray();
        var plan = FixedRoundPlan.Repeating(actions);
        var aggUp = new Link(Bandwidth.FromBitsPerSecond(random.NextInt64(1_000_000, 10_000_000_000)), SimTime.FromNanoseconds(random.Next(0, 100_000)), DataSize.Zero);
        var aggDown = new Link(Bandwidth.FromBitsPerSecond(random.NextInt64(1_000_000, 10_000_000_000)), SimTime.FromNanoseconds(random.Next(0, 100_000)), DataSize.Zero);
        var serverIngress = random.NextInt64(1_000_000, 10_000_000_000);
        var merged = random.Next(0, 200_000);
        var layout = new HierarchicalLayout(new int[m], [aggUp], [aggDown], [star.ServerIngress], Merge: true);
        var workers = new StarTopology(star.Uplinks, star.Downlinks, Bandwidth.FromBitsPerSecond(serverIngress));

        var t = new HierarchicalRound(workers, layout, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), options, new FixedSizes(merged))
            .RunRound(0, SimTime.Zero, plan);
        var shift = aggDown.DeliveryTime(options.ModelSize).Nanoseconds;
        var s = new EventDrivenRound(star, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), options).RunRound(0, SimTime.FromNanoseconds(shift), plan);

        var lastReport = Enumerable.Range(0, m).Where(w => !actions[w].IsIdle).Max(w => s[w].Reported.Nanoseconds);
        var report = actions.Any(a => a.Uploads)
            ? lastReport + aggUp.Latency.Nanoseconds + Ser(merged, Math.Min(aggUp.Bandwidth.BitsPerSecond, ingress == IngressPolicy.Unlimited ? long.MaxValue : serverIngress))
            : lastReport + aggUp.DeliveryTime(options.SkipNoticeSize).Nanoseconds;
        var workersMatch = Enumerable.Range(0, m).All(w => t[w] == s[w]);
        var endMatches = t.End.Nanoseconds == Math.Max(report, s.BroadcastDone.Nanoseconds) + options.AggregationTime.Nanoseconds;
        if (!workersMatch || !endMatches)
        {
            Assert.Fail($"M = {m}, {ingress}: end {t.End.Nanoseconds}, expected {Math.Max(report, s.BroadcastDone.Nanoseconds) + options.AggregationTime.Nanoseconds}; first differing worker "
                + Enumerable.Range(0, m).FirstOrDefault(w => t[w] != s[w], -1));
        }

        return t.UploadedBytes == s.UploadedBytes && t.UploadCount == s.UploadCount && t.IdleCount == s.IdleCount;
    }

    [Test]
    public void SkipsAndIdleWorkers_AGroupOfSkipsSendsANotice_AnIdleGroupNothing_AndTheMergeAsksOnlyForUploaders()
    {
        // Group 0: workers 0 (uploads) and 1 (skips); group 1: both skip; group 2: both idle.
        var actions = new[]
        {
            WorkerAction.Upload(DataSize.FromBytes(U), SimTime.FromNanoseconds(C)),
            WorkerAction.Skip(SimTime.FromNanoseconds(C)),
            WorkerAction.Skip(SimTime.FromNanoseconds(C)),
            WorkerAction.Skip(SimTime.FromNanoseconds(C)),
            WorkerAction.Idle,
            WorkerAction.Idle,
        };
        var sizes = new FixedSizes(7_000);
        var round = new HierarchicalRound(Workers(6, AggUpBps), Layout(3, 2, WorkerBps, merge: true), ComputeModel.Uniform(6), Options(IngressPolicy.Unlimited), sizes);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating(actions));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.MergedAsked, Has.Count.EqualTo(1));
            Assert.That(sizes.MergedAsked[0], Is.EqualTo(new[] { 0 }));
            Assert.That(t.End.Nanoseconds, Is.EqualTo(UploadArrival + Ser(U, WorkerBps) + Lau + Ser(7_000, AggUpBps) + A));
            Assert.That(t.UploadCount, Is.EqualTo(1));
            Assert.That(t.IdleCount, Is.EqualTo(2));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(U + 7_000));
            // Skip notices of 0 bytes on zero-overhead links: the latency only.
            Assert.That(t[2].Reported.Nanoseconds, Is.EqualTo(UploadArrival));
        }
    }

    [Test]
    public void SequentialBroadcast_SendsToOneAggregatorAfterTheOther_ThenEachToOneWorkerAfterTheOther()
    {
        var options = Options(IngressPolicy.Unlimited) with { Broadcast = BroadcastMode.Sequential };
        var round = new HierarchicalRound(Workers(4, AggUpBps), Layout(2, 2, WorkerBps, merge: true), ComputeModel.Uniform(4), options, new FixedSizes(U));

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(4, DataSize.FromBytes(U), SimTime.Zero));

        var agg = Ser(D, AggDownBps);
        var worker = Ser(D, WorkerBps);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t[0].ModelReceived.Nanoseconds, Is.EqualTo(agg + Lad + worker + Lwd));
            Assert.That(t[1].ModelReceived.Nanoseconds, Is.EqualTo(agg + Lad + (2 * worker) + Lwd));
            Assert.That(t[3].ModelReceived.Nanoseconds, Is.EqualTo((2 * agg) + Lad + (2 * worker) + Lwd));
            Assert.That(t.BroadcastDepth, Is.EqualTo(2));
        }
    }

    [Test]
    public void Trace_HasBroadcastsComputesUploadsAndTheRound()
    {
        var sink = new RecordingSink();
        var t = Run(2, 2, IngressPolicy.FairShare, merge: true, merged: U, trace: sink);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Broadcast), Is.EqualTo(4));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Upload), Is.EqualTo(4));
            Assert.That(sink.Records.Single(r => r.Kind == TraceKind.Round).End, Is.EqualTo(t.End));
        }
    }

    [Test]
    public void BadLayoutsAndOptions_AreRefusedWithTheirReason()
    {
        var up = new Link(Bandwidth.OneGigabitPerSecond);
        var one = Bandwidth.OneGigabitPerSecond;
        var workers = StarTopology.Homogeneous(3);
        var sizes = new FixedSizes();
        HierarchicalRound Make(HierarchicalLayout layout, ParameterServerOptions? options = null) =>
            new(workers, layout, ComputeModel.Uniform(3), options ?? new ParameterServerOptions(), sizes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Make(new([0, 0], [up], [up], [one], true)), Throws.ArgumentException.With.Message.Contains("2 entries for 3 workers"));
            Assert.That(() => Make(new([0, 0, 2], [up, up, up], [up, up, up], [one, one, one], true)), Throws.ArgumentException.With.Message.Contains("Aggregator 1 has no worker"));
            Assert.That(() => Make(new([0, 0, 5], [up], [up], [one], true)), Throws.ArgumentException.With.Message.Contains("GroupOf[2] is 5"));
            Assert.That(() => Make(new([0, 1, 1], [up, up], [up], [one, one], true)), Throws.ArgumentException.With.Message.Contains("give one of each"));
            Assert.That(() => Make(new([], [], [], [], true)), Throws.ArgumentException.With.Message.Contains("at least one aggregator"));
            Assert.That(
                () => Make(new([0, 0, 0], [up], [up], [one], true), new ParameterServerOptions { Broadcast = BroadcastMode.BinomialTree }),
                Throws.ArgumentException.With.Message.Contains("binomial"));
            Assert.That(
                () => Make(new([0, 0, 0], [up], [up], [one], true), new ParameterServerOptions { Ingress = IngressPolicy.SequentialPull }),
                Throws.ArgumentException.With.Message.Contains("pull"));
            Assert.That(
                () => Make(new([0, 0, 0], [up], [up], [one], true)).RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating([WorkerAction.Upload(DataSize.FromBytes(1), SimTime.Zero, needsServerRequest: true)])),
                Throws.InvalidOperationException.With.Message.Contains("request"));
        }
    }
}
