using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;
using Sasg.NetSim.Topologies;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Topologies;

public sealed class ShardedRoundTests
{
    // 1.2 Gbit/s links (divisible by 1, 2, 3, 4 and 6, so shares are exact), uplink latency 20 µs, downlink 30 µs.
    private const long Bps = 1_200_000_000;
    private const long Lu = 20_000;
    private const long Ld = 30_000;
    private const long C = 500_000;
    private const long A = 3_000;

    private static long Ser(long bytes, long bps) => CollectiveRoundTests.Ser(bytes, bps);

    private static ShardedRound Round(int m, IReadOnlyList<Bandwidth> servers, IngressPolicy ingress, IMessageSizes sizes, ITraceSink? trace = null) => new(
        CollectiveRoundTests.Star(m, Bps, Lu, Ld),
        servers,
        ComputeModel.Uniform(m),
        new ParameterServerOptions { Ingress = ingress, AggregationTime = SimTime.FromNanoseconds(A) },
        sizes,
        trace);

    private static Bandwidth[] Servers(int s, long bps) => Enumerable.Repeat(Bandwidth.FromBitsPerSecond(bps), s).ToArray();

    [TestCase(1, 3)]
    [TestCase(2, 5)]
    [TestCase(3, 4)]
    [TestCase(4, 2)]
    public void DenseEqualSlices_Unlimited_EachLinkCarriesItsSSlicesAtAnSthOfItsRate(int s, int m)
    {
        // D = 120 kB and U = 60 kB in S equal slices: the S model slices share the downlink (B/S each), the S upload
        // slices the uplink: D/B + L_d + C + L_u + U/B, as on the star with an unlimited ingress.
        const long d = 120_000;
        const long u = 60_000;
        var sizes = new FixedSizes(slice: (_, _) => u / s, modelSlice: (_, shards) => d / shards);

        var t = Round(m, Servers(s, 1_000_000), IngressPolicy.Unlimited, sizes)
            .RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(m, DataSize.FromBytes(u), SimTime.FromNanoseconds(C)));

        var model = Ser(d / s, Bps / s) + Ld;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model, Is.EqualTo(Ser(d, Bps) + Ld));
            Assert.That(t.BroadcastDone.Nanoseconds, Is.EqualTo(model));
            Assert.That(t.End.Nanoseconds, Is.EqualTo(model + C + Lu + Ser(u / s, Bps / s) + A));
            Assert.That(t.UploadedBytes.Bytes, Is.EqualTo(m * u));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(m * u));
        }
    }

    [TestCase(2, 5, 1_000_000_000)]
    [TestCase(3, 4, 100_000_000)]
    [TestCase(4, 3, 400_000_000)]
    public void DenseEqualSlices_SequentialPush_EveryServerTakesTheWorkersInTurn(int s, int m, long ingress)
    {
        // All uploads arrive together; every server takes worker 0's slice first, so worker 0's S slices share its
        // uplink, then worker 1's: M · (U/S) / min(B/S, C_s) after the arrival.
        const long u = 36_000;
        var sizes = new FixedSizes(slice: (_, _) => u / s, modelSlice: (_, _) => 0);

        var t = Round(m, Servers(s, ingress), IngressPolicy.SequentialPush, sizes)
            .RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(m, DataSize.FromBytes(u), SimTime.FromNanoseconds(C)));

        var slice = Ser(u / s, Math.Min(Bps / s, ingress));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.End.Nanoseconds, Is.EqualTo(Ld + C + Lu + (m * slice) + A));
            Assert.That(t[m - 1].ReceiveStart.Nanoseconds, Is.EqualTo(Ld + C + Lu + ((m - 1) * slice)));
        }
    }

    [Test]
    public void UnevenSparseSlices_ShareTheUplinkByProcessorSharing_AndAnEmptySliceIsASkipNotice()
    {
        // Worker 0's slices: 3,000, 0, 6,000 and 9,000 bytes; worker 1's: 12,000, 0, 0 and 0. Unlimited ingresses:
        // each worker's slices share its uplink exactly (1.2 Gbit/s / k), so its last slice is in at
        // (sum of its slices) / B after its first bit; the empty slices are 0-byte notices (latency only).
        long[][] slices = [[3_000, 0, 6_000, 9_000], [12_000, 0, 0, 0]];
        var sizes = new FixedSizes(slice: (w, shard) => slices[w][shard], modelSlice: (_, _) => 0);

        var t = Round(2, Servers(4, 1), IngressPolicy.Unlimited, sizes)
            .RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(2, DataSize.FromBytes(1), SimTime.FromNanoseconds(C)));

        var first = Ld + C + Lu;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t[0].ReceiveEnd.Nanoseconds, Is.EqualTo(first + Ser(18_000, Bps)));
            Assert.That(t[1].ReceiveEnd.Nanoseconds, Is.EqualTo(first + Ser(12_000, Bps)));
            Assert.That(t.End.Nanoseconds, Is.EqualTo(first + Ser(18_000, Bps) + A));
            Assert.That(t[0].UploadSize.Bytes, Is.EqualTo(18_000));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(30_000));
        }
    }

    [Test]
    public void UnevenModelSlices_ShareTheDownlink_TheWorkerComputesOnceTheLastIsIn()
    {
        var sizes = new FixedSizes(slice: (_, _) => 600, modelSlice: (shard, _) => 30_000 * (shard + 1));

        var t = Round(3, Servers(3, 1_000_000_000), IngressPolicy.FairShare, sizes)
            .RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(3, DataSize.FromBytes(1_800), SimTime.FromNanoseconds(C)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Enumerable.Range(0, 3).Select(w => t[w].ModelReceived.Nanoseconds), Is.All.EqualTo(Ser(180_000, Bps) + Ld));
            Assert.That(Enumerable.Range(0, 3).Select(w => t[w].ComputeEnd.Nanoseconds), Is.All.EqualTo(Ser(180_000, Bps) + Ld + C));
        }
    }

    [FsCheck.NUnit.Property(Replay = "20261203,0745", MaxTest = 100)]
    public bool OneServer_IsTheStarRound(int seed, byte policy, bool sequentialBroadcast)
    {
        var random = new Random(seed);
        var (star, factors, noiseSeed) = EventDrivenRoundPropertyTests.Scenario(random);
        var ingress = (IngressPolicy)(policy % 3) == IngressPolicy.SequentialPull ? IngressPolicy.Unlimited : (IngressPolicy)(policy % 3);
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
            1 => WorkerAction.Idle,
            _ => WorkerAction.Upload(DataSize.FromBytes(random.Next(1, 100_000)), SimTime.FromNanoseconds(random.Next(0, 1_000_000))),
        }).ToArray();
        var plan = FixedRoundPlan.Repeating(actions);
        var sizes = new FixedSizes(slice: (w, _) => actions[w].UploadSize.Bytes, modelSlice: (_, _) => options.ModelSize.Bytes);

        var expected = new EventDrivenRound(star, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), options).RunRound(0, SimTime.Zero, plan);
        var e = (expected.End, expected.AggregationStart, expected.BroadcastDone, expected.UploadCount, expected.IdleCount, expected.UploadedBytes,
            Workers: Enumerable.Range(0, m).Select(w => expected[w]).ToArray());
        var t = new ShardedRound(star, [star.ServerIngress], EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), options, sizes).RunRound(0, SimTime.Zero, plan);

        var workers = Enumerable.Range(0, m).Select(w => t[w]).ToArray();
        var differing = Enumerable.Range(0, m).FirstOrDefault(w => workers[w] != e.Workers[w], -1);
        if (differing >= 0)
        {
            Assert.Fail($"M = {m}, {ingress}, worker {differing}: star {e.Workers[differing]}, sharded {workers[differing]}");
        }

        return (t.End, t.AggregationStart, t.BroadcastDone, t.UploadCount, t.IdleCount, t.UploadedBytes) == (e.End, e.AggregationStart, e.BroadcastDone, e.UploadCount, e.IdleCount, e.UploadedBytes);
    }

    [Test]
    public void SkipsIdleAndTrace()
    {
        var actions = new[] { WorkerAction.Upload(DataSize.FromBytes(4_000), SimTime.FromNanoseconds(C)), WorkerAction.Skip(SimTime.FromNanoseconds(C)), WorkerAction.Idle };
        var sink = new RecordingSink();
        var sizes = new FixedSizes(slice: (_, _) => 2_000, modelSlice: (_, _) => 1_000);
        var round = Round(3, Servers(2, 1_000_000_000), IngressPolicy.FairShare, sizes, sink);

        var summary = round.Run(FixedRoundPlan.Repeating(actions), 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Uploads, Is.EqualTo(2));
            Assert.That(summary.UploadsSkipped, Is.EqualTo(2));
            Assert.That(summary.IdleWorkerRounds, Is.EqualTo(2));
            Assert.That(summary.UploadedBytes.Bytes, Is.EqualTo(2 * 4_000));
            Assert.That(round.LastRound[2].Reported, Is.EqualTo(round.LastRound[2].ModelReceived));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Skip), Is.EqualTo(2));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Upload), Is.EqualTo(2));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Compute), Is.EqualTo(4));
        }
    }

    [Test]
    public void BadInput_IsRefused()
    {
        var sizes = new FixedSizes();
        var star = StarTopology.Homogeneous(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => new ShardedRound(star, [], ComputeModel.Uniform(2), new ParameterServerOptions(), sizes), Throws.ArgumentException.With.Message.Contains("at least one server"));
            Assert.That(() => new ShardedRound(star, [Bandwidth.OneGigabitPerSecond], ComputeModel.Uniform(3), new ParameterServerOptions(), sizes), Throws.ArgumentException);
            Assert.That(
                () => new ShardedRound(star, [Bandwidth.OneGigabitPerSecond], ComputeModel.Uniform(2), new ParameterServerOptions { Broadcast = BroadcastMode.BinomialTree }, sizes),
                Throws.ArgumentException.With.Message.Contains("binomial"));
            Assert.That(
                () => new ShardedRound(star, [Bandwidth.OneGigabitPerSecond], ComputeModel.Uniform(2), new ParameterServerOptions(), sizes)
                    .RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating([WorkerAction.Upload(DataSize.FromBytes(1), SimTime.Zero, needsServerRequest: true)])),
                Throws.InvalidOperationException.With.Message.Contains("request"));
        }
    }
}
