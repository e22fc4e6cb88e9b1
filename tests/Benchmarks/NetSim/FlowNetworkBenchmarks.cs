using BenchmarkDotNet.Attributes;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// Flow events per second of <see cref="FlowNetwork"/> with <see cref="Flows"/> flows always in progress: each flow,
/// when delivered, starts another of 10,000 to 50,000 payload bytes from the same worker (sizes from a per-worker
/// xorshift), so the count never changes.
/// </summary>
/// <remarks>
/// <see cref="Shape.OneLink"/>: every flow is an upload through the one fair-shared server ingress (uplinks of 10 Gbit/s,
/// ingress 1 Gbit/s, so every flow is at the shared level). <see cref="Shape.Star"/>: one flow per worker, even workers
/// upload and odd workers download, uplinks of 1 Mbit/s to 10 Gbit/s (some flows at their uplink cap, some at the
/// level), downlinks of 1 Gbit/s, 50 us latencies. One operation is one flow event (<see cref="FlowNetwork.FlowEvents"/>:
/// a start, an arrival at the ingress, a completion); one invocation runs <see cref="EventsPerInvoke"/> of them.
/// </remarks>
[MemoryDiagnoser]
public class FlowNetworkBenchmarks
{
    private const int EventsPerInvoke = 200_000;

    private Simulation _simulation = null!;
    private FlowNetwork _network = null!;
    private uint[] _state = [];
    private Action<Transfer> _delivered = null!;

    /// <summary>Where the flows run.</summary>
    public enum Shape
    {
        /// <summary>All flows share the server's ingress.</summary>
        OneLink,

        /// <summary>One flow per worker of a heterogeneous star, uploads and downloads.</summary>
        Star,
    }

    /// <summary>The number of flows in progress at any time.</summary>
    [Params(10, 1_000, 100_000)]
    public int Flows { get; set; }

    /// <summary>Where the flows run.</summary>
    [Params(Shape.OneLink, Shape.Star)]
    public Shape Topology { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulation = new Simulation();
        _delivered = Delivered;
        _state = Enumerable.Range(1, Flows).Select(i => (uint)i * 2_654_435_761u).ToArray();
        var star = Topology == Shape.OneLink
            ? StarTopology.Homogeneous(Flows, new Link(Bandwidth.FromGigabitsPerSecond(10)), serverIngress: Bandwidth.OneGigabitPerSecond)
            : new StarTopology(
                Enumerable.Range(0, Flows).Select(w => new Link(
                    Bandwidth.FromBitsPerSecond(1_000_000L << (w % 14)), SimTime.FromMicroseconds(50), DataSize.FromBytes(66))).ToArray(),
                Enumerable.Repeat(new Link(Bandwidth.OneGigabitPerSecond, SimTime.FromMicroseconds(50), DataSize.FromBytes(66)), Flows).ToArray(),
                Bandwidth.FromGigabitsPerSecond(10));
        _network = new FlowNetwork(_simulation, star, IngressPolicy.FairShare);
        for (var w = 0; w < Flows; w++)
        {
            Next(w);
        }

        // Start every flow and let the first completions come, so the measured events are steady state.
        Run(Math.Max(EventsPerInvoke, 3L * Flows));
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long FlowEvents()
    {
        Run(EventsPerInvoke);
        return _simulation.Now.Nanoseconds;
    }

    private void Run(long events)
    {
        var target = _network.FlowEvents + events;
        while (_network.FlowEvents < target)
        {
            _simulation.Step();
        }
    }

    private void Next(int worker)
    {
        var state = _state[worker];
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        _state[worker] = state;
        var size = DataSize.FromBytes(10_000 + (state % 40_000));
        if (Topology == Shape.Star && worker % 2 == 1)
        {
            _network.Download(worker, size, _delivered);
        }
        else
        {
            _network.Upload(worker, size, _delivered);
        }
    }

    private void Delivered(Transfer transfer) => Next(transfer.Worker);
}
