using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;
using Sasg.NetSim.Topologies;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Topologies;

public sealed class CollectiveRoundTests
{
    private static readonly ParameterServerOptions Aggregation = new() { AggregationTime = SimTime.FromMicroseconds(7) };

    // Serialization of `bytes` at `bps`, rounded up to the nanosecond (the network's only rounding).
    internal static long Ser(long bytes, long bps) => ((bytes * 8 * 1_000_000_000L) + bps - 1) / bps;

    internal static StarTopology Star(int workers, long bps, long upLatency, long downLatency) => StarTopology.Homogeneous(
        workers,
        new Link(Bandwidth.FromBitsPerSecond(bps), SimTime.FromNanoseconds(upLatency), DataSize.Zero),
        new Link(Bandwidth.FromBitsPerSecond(bps), SimTime.FromNanoseconds(downLatency), DataSize.Zero));

    [TestCase(2, 1_000_000, 0, 0)]
    [TestCase(4, 4_000_000, 50_000, 30_000)]
    [TestCase(10, 1_000_000, 1_000, 2_000)]
    [TestCase(16, 16_000, 0, 5_000_000)]
    public void RingAllReduce_Takes2NMinus1StepsOfAChunkPlusA(int n, long s, long upLatency, long downLatency)
    {
        // 1 Gbit/s: a chunk of S/N bytes serializes in 8·S/N ns exactly; a = uplink + downlink latency.
        var round = new CollectiveRound(
            Star(n, 1_000_000_000, upLatency, downLatency), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(n), Aggregation);

        var t = round.RunRound(0, SimTime.FromMilliseconds(1), FixedRoundPlan.AllUpload(n, DataSize.FromBytes(s), SimTime.FromMicroseconds(300)));

        var expected = 1_000_000 + 300_000 + (2 * (n - 1) * ((8 * s / n) + upLatency + downLatency));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.AggregationStart.Nanoseconds, Is.EqualTo(expected));
            Assert.That(t.End.Nanoseconds, Is.EqualTo(expected + 7_000));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(2 * (n - 1) * s));
            Assert.That(t.UploadedBytes.Bytes, Is.EqualTo(n * s));
            Assert.That(t.UploadCount, Is.EqualTo(n));
            Assert.That(Enumerable.Range(0, n).Select(w => t[w].Reported.Nanoseconds), Is.All.EqualTo(expected));
            Assert.That(Enumerable.Range(0, n).Select(w => t[w].UploadStart.Nanoseconds), Is.All.EqualTo(1_300_000));
        }
    }

    [FsCheck.NUnit.Property(Replay = "20261203,0705", MaxTest = 120)]
    public bool RingAllReduce_MatchesTheClosedForm_ForRandomNSBAndLatencies(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(1, 41);
        var chunk = random.NextInt64(0, 200_000);
        var s = chunk * n;
        var bps = random.Next(2) == 0 ? random.NextInt64(1_000, 20_000_000_000) : 1_000_000_000;
        long up = random.Next(3) == 0 ? 0 : random.Next(1, 10_000_000);
        long down = random.Next(3) == 0 ? 0 : random.Next(1, 10_000_000);
        var cost = random.Next(0, 5_000_000);
        var round = new CollectiveRound(Star(n, bps, up, down), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(n), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(n, DataSize.FromBytes(s), SimTime.FromNanoseconds(cost)));

        // 2(N − 1)·(S/N/B + a), each chunk's serialization rounded up to the nanosecond.
        var expected = cost + (2 * (n - 1) * (Ser(chunk, bps) + up + down)) + 7_000;
        return t.End.Nanoseconds == expected && t.CarriedBytes.Bytes == 2 * (n - 1) * s;
    }

    [TestCase(3, 999)]
    [TestCase(7, 100)]
    [TestCase(5, 3)]
    public void RingAllReduce_UnevenChunks_SumToSAndTheLargestSetsTheStep(int n, long s)
    {
        var round = new CollectiveRound(Star(n, 1_000_000_000, 0, 1_000), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(n), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(n, DataSize.FromBytes(s), SimTime.Zero));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(2 * (n - 1) * s));
            // Every step takes at least the smallest chunk and at most the largest (ceil(S/N)) plus a.
            Assert.That(t.AggregationStart.Nanoseconds, Is.InRange(2 * (n - 1) * ((8 * (s / n)) + 1_000), 2 * (n - 1) * ((8 * ((s + n - 1) / n)) + 1_000)));
        }
    }

    [TestCase(2, 5_000)]
    [TestCase(6, 1_234)]
    public void RingAllGather_TakesNMinus1StepsOfAMessagePlusA(int n, long u)
    {
        var round = new CollectiveRound(Star(n, 250_000_000, 20_000, 10_000), CollectiveKind.Ring, CollectiveOperation.AllGather, ComputeModel.Uniform(n), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(n, DataSize.FromBytes(u), SimTime.FromMicroseconds(10)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.AggregationStart.Nanoseconds, Is.EqualTo(10_000 + ((n - 1) * (Ser(u, 250_000_000) + 30_000))));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo((n - 1) * n * u));
        }
    }

    [Test]
    public void RingAllGather_SkippingWorkersSendNoPayload_ButTheirStepsStillHappen()
    {
        var actions = new[]
        {
            WorkerAction.Upload(DataSize.FromBytes(1_000), SimTime.Zero),
            WorkerAction.Skip(SimTime.Zero),
            WorkerAction.Upload(DataSize.FromBytes(3_000), SimTime.Zero),
            WorkerAction.Idle,
        };
        var round = new CollectiveRound(Star(4, 1_000_000_000, 0, 100), CollectiveKind.Ring, CollectiveOperation.AllGather, ComputeModel.Uniform(4), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating(actions));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(3 * 4_000));
            Assert.That(t.UploadedBytes.Bytes, Is.EqualTo(4_000));
            Assert.That(t.UploadCount, Is.EqualTo(2));
            Assert.That(t.IdleCount, Is.EqualTo(1));
            // Three steps each; at least three latencies, at most three of the largest message.
            Assert.That(t.AggregationStart.Nanoseconds, Is.InRange(300, 3 * (24_000 + 100)));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(15)]
    public void TreeAllReduce_OnAFullTree_ReducesAtHalfTheDownlinkAndBroadcastsToOneChildAfterTheOther(int n)
    {
        // Depth d = floor(log2 N). Up: each level's two children share the parent's downlink (B/2 each): d·(2T + a);
        // down: each node sends to its first child, then its second: the last leaf has it after d·(2T + a). N = 2:
        // one child, T + a each way.
        const long s = 10_000;
        const long a = 40_000;
        var round = new CollectiveRound(Star(n, 1_000_000_000, 15_000, 25_000), CollectiveKind.Tree, CollectiveOperation.AllReduce, ComputeModel.Uniform(n), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(n, DataSize.FromBytes(s), SimTime.FromMicroseconds(5)));

        var depth = (int)Math.Log2(n);
        var transfer = 8 * s;
        var expected = n == 2 ? 2 * (transfer + a) : depth * ((2 * transfer) + a) * 2;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.AggregationStart.Nanoseconds, Is.EqualTo(5_000 + expected));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(2 * (n - 1) * s));
        }
    }

    [Test]
    public void TreeAllGather_SendsSubtreeSumsUpAndTheWholeDown()
    {
        // N = 3: both leaves send U to the root at B/2 (2T + a), then the root sends 3U to worker 1, then to worker 2
        // (2·3T + a).
        const long u = 2_000;
        var round = new CollectiveRound(Star(3, 1_000_000_000, 0, 3_000), CollectiveKind.Tree, CollectiveOperation.AllGather, ComputeModel.Uniform(3), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(3, DataSize.FromBytes(u), SimTime.Zero));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.AggregationStart.Nanoseconds, Is.EqualTo((2 * 8 * u) + 3_000 + (2 * 3 * 8 * u) + 3_000));
            Assert.That(t[1].Reported.Nanoseconds, Is.EqualTo((2 * 8 * u) + 3_000 + (3 * 8 * u) + 3_000));
            Assert.That(t[0].Reported.Nanoseconds, Is.EqualTo((2 * 8 * u) + 3_000));
            Assert.That(t.CarriedBytes.Bytes, Is.EqualTo((2 * u) + (2 * 3 * u)));
        }
    }

    [Test]
    public void TreeAllGather_UpwardMessagesAreSubtreeSums()
    {
        // N = 7, sizes 1..7 KB: up, the non-root nodes send their subtrees (1: 2+4+5, 2: 3+6+7, leaves themselves);
        // down, six copies of the total.
        var actions = Enumerable.Range(0, 7).Select(w => WorkerAction.Upload(DataSize.FromKilobytes(w + 1), SimTime.Zero)).ToArray();
        var round = new CollectiveRound(Star(7, 1_000_000_000, 0, 0), CollectiveKind.Tree, CollectiveOperation.AllGather, ComputeModel.Uniform(7), Aggregation);

        var t = round.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating(actions));

        var up = (2 + 4 + 5 + 3 + 6 + 7 + 4 + 5 + 6 + 7) * 1_000L;
        Assert.That(t.CarriedBytes.Bytes, Is.EqualTo(up + (6 * 28_000)));
    }

    [TestCase(CollectiveKind.Ring, CollectiveOperation.AllReduce)]
    [TestCase(CollectiveKind.Tree, CollectiveOperation.AllGather)]
    public void OneWorker_SendsNothing_AndEndsAtItsComputeEnd(CollectiveKind kind, CollectiveOperation operation)
    {
        var round = new CollectiveRound(Star(1, 1_000_000, 5, 5), kind, operation, ComputeModel.Uniform(1), Aggregation);

        var t = round.RunRound(0, SimTime.FromMicroseconds(1), FixedRoundPlan.AllUpload(1, DataSize.FromKilobytes(9), SimTime.FromMicroseconds(3)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.End.Nanoseconds, Is.EqualTo(4_000 + 7_000));
            Assert.That(t.CarriedBytes.Bytes, Is.Zero);
            Assert.That(t.UploadedBytes.Bytes, Is.EqualTo(9_000));
        }
    }

    [TestCase(CollectiveKind.Ring)]
    [TestCase(CollectiveKind.Tree)]
    public void AllReduce_ASkippingWorkerContributesZeros_TheSameTraffic(CollectiveKind kind)
    {
        var size = DataSize.FromBytes(8_000);
        var all = FixedRoundPlan.AllUpload(5, size, SimTime.FromMicroseconds(2));
        var oneSkips = FixedRoundPlan.Repeating(Enumerable.Range(0, 5).Select(w => w == 3
            ? WorkerAction.Skip(SimTime.FromMicroseconds(2)) : WorkerAction.Upload(size, SimTime.FromMicroseconds(2))).ToArray());
        var star = Star(5, 100_000_000, 1_000, 1_000);

        var full = new CollectiveRound(star, kind, CollectiveOperation.AllReduce, ComputeModel.Uniform(5), Aggregation).RunRound(0, SimTime.Zero, all);
        var (end, carried) = (full.End, full.CarriedBytes);
        var skipped = new CollectiveRound(star, kind, CollectiveOperation.AllReduce, ComputeModel.Uniform(5), Aggregation).RunRound(0, SimTime.Zero, oneSkips);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(skipped.End, Is.EqualTo(end));
            Assert.That(skipped.CarriedBytes, Is.EqualTo(carried));
            Assert.That(skipped.UploadCount, Is.EqualTo(4));
            Assert.That(skipped.UploadedBytes.Bytes, Is.EqualTo(4 * 8_000));
        }
    }

    [FsCheck.NUnit.Property(Replay = "20261203,0715", MaxTest = 60)]
    public bool HeterogeneousLinks_ASlowerLinkNeverEndsTheRoundEarlier_AndBytesDoNotDependOnRates(int seed, bool tree, bool gather)
    {
        var random = new Random(seed);
        var n = random.Next(2, 20);
        Link RandomLink() => new(Bandwidth.FromBitsPerSecond(random.NextInt64(1_000_000, 2_000_000_000)), SimTime.FromNanoseconds(random.Next(0, 100_000)), DataSize.FromBytes(random.Next(0, 60)));
        var uplinks = Enumerable.Range(0, n).Select(_ => RandomLink()).ToArray();
        var downlinks = Enumerable.Range(0, n).Select(_ => RandomLink()).ToArray();
        var sizes = Enumerable.Range(0, n).Select(_ => random.Next(0, 50_000)).ToArray();
        var common = random.Next(0, 50_000);
        var plan = FixedRoundPlan.Repeating(Enumerable.Range(0, n).Select(w => WorkerAction.Upload(
            DataSize.FromBytes(gather ? sizes[w] : common), SimTime.FromNanoseconds(random.Next(0, 1_000_000)))).ToArray());
        var kind = tree ? CollectiveKind.Tree : CollectiveKind.Ring;
        var operation = gather ? CollectiveOperation.AllGather : CollectiveOperation.AllReduce;
        var factors = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();

        var fast = new CollectiveRound(new StarTopology(uplinks, downlinks, Bandwidth.OneGigabitPerSecond), kind, operation, new ComputeModel(factors), Aggregation)
            .RunRound(0, SimTime.Zero, plan);
        var (fastEnd, fastCarried) = (fast.End, fast.CarriedBytes);
        var slowed = random.Next(n);
        uplinks[slowed] = uplinks[slowed] with { Bandwidth = Bandwidth.FromBitsPerSecond(Math.Max(1, uplinks[slowed].Bandwidth.BitsPerSecond / 3)) };
        var slow = new CollectiveRound(new StarTopology(uplinks, downlinks, Bandwidth.OneGigabitPerSecond), kind, operation, new ComputeModel(factors), Aggregation)
            .RunRound(0, SimTime.Zero, plan);

        var everyWorkerAfterItsCompute = Enumerable.Range(0, n).All(w => slow[w].Reported >= slow[w].ComputeEnd && slow[w].Reported <= slow.AggregationStart);
        return slow.End >= fastEnd && slow.CarriedBytes == fastCarried && everyWorkerAfterItsCompute;
    }

    [FsCheck.NUnit.Property(Replay = "20261203,0721", MaxTest = 100)]
    public bool Ring_TheRecurrenceEqualsTheEventDrivenNetwork_ToTheNanosecond(int seed, bool gather)
    {
        // The ring's fast path computes each hop from its start; the network's events must give the same times on
        // heterogeneous links with overheads and framing, uneven compute, skips and idle workers, over several rounds.
        var random = new Random(seed);
        var (star, factors, noiseSeed) = EventDrivenRoundPropertyTests.Scenario(random);
        var n = star.WorkerCount;
        var common = random.Next(0, 300_000);
        var operation = gather ? CollectiveOperation.AllGather : CollectiveOperation.AllReduce;
        var plan = FixedRoundPlan.Repeating(Enumerable.Range(0, n).Select(w => random.Next(8) switch
        {
            0 => WorkerAction.Skip(SimTime.FromNanoseconds(random.Next(0, 1_000_000))),
            1 => WorkerAction.Idle,
            _ => WorkerAction.Upload(DataSize.FromBytes(gather ? random.Next(0, 300_000) : common), SimTime.FromNanoseconds(random.Next(0, 1_000_000))),
        }).ToArray());
        var fast = new CollectiveRound(star, CollectiveKind.Ring, operation, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), Aggregation);
        var events = new CollectiveRound(star, CollectiveKind.Ring, operation, EventDrivenRoundPropertyTests.Compute(factors, noiseSeed), Aggregation)
        {
            EventDrivenRing = true,
        };

        var start = SimTime.Zero;
        for (var round = 0; round < 3; round++)
        {
            var a = fast.RunRound(round, start, plan);
            var expected = (a.End, a.CarriedBytes, a.UploadedBytes, Workers: Enumerable.Range(0, n).Select(w => a[w]).ToArray());
            var b = events.RunRound(round, start, plan);
            var differing = Enumerable.Range(0, n).FirstOrDefault(w => b[w] != expected.Workers[w], -1);
            if (differing >= 0 || b.End != expected.End || b.CarriedBytes != expected.CarriedBytes || b.UploadedBytes != expected.UploadedBytes)
            {
                Assert.Fail($"round {round}, N = {n}, {operation}: end {expected.End} vs {b.End}; worker {differing}");
            }

            start = b.End;
        }

        return true;
    }

    [Test]
    public void Run_ChainsRoundsAndTracesComputeUploadAndTheRound()
    {
        var sink = new RecordingSink();
        var round = new CollectiveRound(Star(3, 1_000_000_000, 0, 0), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(3), Aggregation, sink);
        var ends = new List<long>();

        var summary = round.Run(FixedRoundPlan.AllUpload(3, DataSize.FromBytes(3_000), SimTime.FromMicroseconds(1)), 2, t => ends.Add(t.End.Nanoseconds));

        var one = 1_000 + (4 * 8_000) + 7_000;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ends, Is.EqualTo(new[] { one, 2 * one }));
            Assert.That(summary.End.Nanoseconds, Is.EqualTo(2 * one));
            Assert.That(summary.Uploads, Is.EqualTo(6));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Upload), Is.EqualTo(6));
            Assert.That(sink.Records.Count(r => r.Kind == TraceKind.Compute), Is.EqualTo(6));
            Assert.That(sink.Records.Where(r => r.Kind == TraceKind.Round).Select(r => r.Bytes), Is.All.EqualTo(4 * 3_000));
            Assert.That(sink.Records.Any(r => r.Kind == TraceKind.Broadcast), Is.False);
        }
    }

    [Test]
    public void ARequestOrUnequalAllReduceSizes_AreRefusedAtTheRound()
    {
        var round = new CollectiveRound(Star(2, 1_000_000, 0, 0), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(2), Aggregation);
        var request = FixedRoundPlan.Repeating([WorkerAction.Upload(DataSize.FromBytes(10), SimTime.Zero, needsServerRequest: true), WorkerAction.Upload(DataSize.FromBytes(10), SimTime.Zero)]);
        var unequal = FixedRoundPlan.Repeating([WorkerAction.Upload(DataSize.FromBytes(10), SimTime.Zero), WorkerAction.Upload(DataSize.FromBytes(11), SimTime.Zero)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => round.RunRound(0, SimTime.Zero, request), Throws.InvalidOperationException.With.Message.Contains("request"));
            Assert.That(() => round.RunRound(0, SimTime.Zero, unequal), Throws.InvalidOperationException.With.Message.Contains("one size"));
            Assert.That(
                () => new CollectiveRound(Star(2, 1_000_000, 0, 0), CollectiveKind.Ring, CollectiveOperation.AllReduce, ComputeModel.Uniform(3), Aggregation),
                Throws.ArgumentException);
        }
    }
}
