using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class EventDrivenRoundPropertyTests
{
    [FsCheck.NUnit.Property(Replay = "20261202,1615", MaxTest = 150)]
    public bool EventDrivenRound_EqualsTheClosedForm_ToTheNanosecond(int seed, byte policy, byte broadcast)
    {
        var random = new Random(seed);
        var options = new ParameterServerOptions
        {
            Ingress = (IngressPolicy)(policy % 4),
            Broadcast = (BroadcastMode)(broadcast % 3),
            ModelSize = DataSize.FromBytes(Pick(random, 0, random.Next(1, 200_000))),
            RequestSize = DataSize.FromBytes(Pick(random, 0, random.Next(1, 2_000))),
            SkipNoticeSize = DataSize.FromBytes(Pick(random, 0, random.Next(1, 500))),
            AggregationTime = SimTime.FromNanoseconds(Pick(random, 0, random.Next(1, 5_000_000))),
        };
        var (star, factors, noiseSeed) = Scenario(random);
        var rounds = random.Next(1, 4);
        var plan = new TablePlan(random, star.WorkerCount, rounds);
        var closed = new ParameterServerRound(star, Compute(factors, noiseSeed), options);
        var (uplinks, downlinks, ingress) = ConstantSchedules(random, star);
        var events = new EventDrivenRound(star, Compute(factors, noiseSeed), options, uplinks, downlinks, ingress);

        var start = SimTime.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var expected = Snapshot(closed.RunRound(round, start, plan));
            var actual = Snapshot(events.RunRound(round, start, plan));
            if (expected != actual)
            {
                Assert.Fail($"round {round}, {options.Ingress}, {options.Broadcast}, M = {star.WorkerCount}, schedules up {uplinks is not null} down {downlinks is not null} ingress {ingress is not null}:\n{Diff(expected, actual)}");
            }

            start = closed.LastRound.End;
        }

        return true;
    }

    // Drawn from one seed: M in 1..200, per-worker bandwidths from 1 bit/s-odd rates to 10 Gbit/s, latencies of 0 to
    // milliseconds, overheads, framing and new connections on or off, compute factors with or without noise.
    internal static (StarTopology Star, double[] Factors, ulong NoiseSeed) Scenario(Random random)
    {
        var workers = random.Next(4) == 0 ? random.Next(33, 201) : random.Next(1, 33);
        var framing = random.Next(2) == 0 ? null : new TcpFraming(random.Next(2) == 0 ? 1500 : 9000);
        var connection = random.Next(4) == 0 ? new TcpNewConnection(random.Next(1, 11)) : null;
        var uniform = random.Next(3) == 0;
        var up = RandomLink(random, framing, connection);
        var down = RandomLink(random, framing, null);
        var uplinks = Enumerable.Range(0, workers).Select(_ => uniform ? up : RandomLink(random, framing, connection)).ToArray();
        var downlinks = Enumerable.Range(0, workers).Select(_ => uniform ? down : RandomLink(random, framing, null)).ToArray();
        var ingress = Bandwidth.FromBitsPerSecond(random.Next(2) == 0 ? random.NextInt64(1_000_000, 20_000_000_000) : random.Next(100_000, 50_000_000));
        var factors = Enumerable.Range(0, workers).Select(_ => uniform ? 1.0 : 0.1 + (random.NextDouble() * 3)).ToArray();
        return (new StarTopology(uplinks, downlinks, ingress), factors, random.Next(2) == 0 ? 0UL : (ulong)random.Next(1, 1000));
    }

    // Some cases follow no schedule; the others give each link, independently, a ConstantCapacity at its own rate or
    // none (every combination of scheduled and fixed uplinks, downlinks and ingress), which must change nothing.
    internal static (ICapacitySchedule?[]? Uplinks, ICapacitySchedule?[]? Downlinks, ICapacitySchedule? Ingress) ConstantSchedules(
        Random random, StarTopology star)
    {
        if (random.Next(3) == 0)
        {
            return (null, null, null);
        }

        var share = random.Next(1, 5);
        ICapacitySchedule? Maybe(Link link) => random.Next(4) < share ? new ConstantCapacity(link.Bandwidth.BitsPerSecond) : null;
        var uplinks = random.Next(4) == 0 ? null : star.Uplinks.Select(Maybe).ToArray();
        var downlinks = random.Next(4) == 0 ? null : star.Downlinks.Select(Maybe).ToArray();
        var ingress = random.Next(2) == 0 ? new ConstantCapacity(star.ServerIngress.BitsPerSecond) : null;
        return (uplinks, downlinks, ingress);
    }

    internal static ComputeModel Compute(double[] factors, ulong noiseSeed) =>
        new(factors, noiseSeed == 0 ? null : StragglerNoise.Uniform(0.5, 2), noiseSeed);

    private static Link RandomLink(Random random, TcpFraming? framing, TcpNewConnection? connection)
    {
        var bandwidth = random.Next(3) switch
        {
            0 => random.NextInt64(1_000_000, 10_000_000_000),
            1 => random.Next(10_000, 5_000_000),
            _ => 1_000_000_000,
        };
        var latency = random.Next(3) switch
        {
            0 => 0,
            1 => random.Next(1, 1_000),
            _ => random.Next(1, 20_000_000),
        };
        return new Link(Bandwidth.FromBitsPerSecond(bandwidth), SimTime.FromNanoseconds(latency), DataSize.FromBytes(random.Next(2) == 0 ? 0 : random.Next(1, 100)))
        {
            Framing = framing,
            NewConnection = connection,
        };
    }

    private static long Pick(Random random, long zero, long value) => random.Next(5) == 0 ? zero : value;

    private static string Snapshot(RoundTiming t)
    {
        var lines = new List<string>
        {
            $"round {t.Round} start {t.Start.Nanoseconds} broadcast {t.BroadcastDone.Nanoseconds} depth {t.BroadcastDepth} "
            + $"aggregation {t.AggregationStart.Nanoseconds} end {t.End.Nanoseconds} uploads {t.UploadCount} idle {t.IdleCount} bytes {t.UploadedBytes.Bytes}",
        };
        for (var w = 0; w < t.WorkerCount; w++)
        {
            lines.Add($"w{w}: send {t.BroadcastSendStart[w]} model {t.ModelReceived[w]} compute {t.ComputeEnd[w]} request {t.RequestReceived[w]} "
                + $"uploads {t.Uploads[w]} idle {t.Idle[w]} bytes {t.UploadBytes[w]} start {t.UploadStart[w]} arrival {t.IngressArrival[w]} "
                + $"receive {t.ReceiveStart[w]}..{t.ReceiveEnd[w]} reported {t.Reported[w]}");
        }

        return string.Join('\n', lines);
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var diff = e.Zip(a).Where(p => p.First != p.Second).Take(4).Select(p => $"closed form: {p.First}\nevent-driven: {p.Second}");
        return string.Join('\n', diff);
    }

    // Per round and worker: upload (some with a request, some of 0 bytes), skip, or idle.
    private sealed class TablePlan : IRoundPlan
    {
        private readonly WorkerAction[,] _actions;

        public TablePlan(Random random, int workers, int rounds)
        {
            _actions = new WorkerAction[rounds, workers];
            var uploadShare = random.Next(1, 11);
            var requests = random.Next(3) == 0;
            for (var r = 0; r < rounds; r++)
            {
                for (var w = 0; w < workers; w++)
                {
                    var cost = SimTime.FromNanoseconds(random.Next(4) == 0 ? 0 : random.Next(1, 10_000_000));
                    _actions[r, w] = random.Next(10) switch
                    {
                        var k when k < uploadShare => WorkerAction.Upload(
                            DataSize.FromBytes(random.Next(6) == 0 ? 0 : random.Next(1, 300_000)), cost, requests && random.Next(2) == 0),
                        var k when k < 9 => WorkerAction.Skip(cost),
                        _ => WorkerAction.Idle,
                    };
                }
            }
        }

        public WorkerAction Decide(int round, int worker) => _actions[round, worker];
    }
}
