using BenchmarkDotNet.Attributes;
using Sasg.NetSim.Kernel;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// Events per second of the kernel: <see cref="PendingEvents"/> processes each loop on a timeout, so the calendar
/// always holds that many events (the SimSharp comparison workload in issue #3).
/// </summary>
/// <remarks>
/// Each process draws its delays (1..2,000 ns) from its own xorshift stream, so pops and pushes land all over the
/// heap. One invocation processes <see cref="EventsPerInvoke"/> events; BenchmarkDotNet reports time per event.
/// </remarks>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int EventsPerInvoke = 1_000_000;

    private Simulation _simulation = null!;

    /// <summary>The number of processes, which is the number of events pending at any time.</summary>
    [Params(10, 1_000, 100_000)]
    public int PendingEvents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulation = new Simulation();
        for (var i = 0; i < PendingEvents; i++)
        {
            _simulation.Process(Loop(_simulation, (uint)i + 1));
        }

        // Start every process and warm the timeout pool, so the measured steps are steady state.
        for (var i = 0; i < 3 * PendingEvents; i++)
        {
            _simulation.Step();
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long TimeoutLoop()
    {
        var simulation = _simulation;
        for (var i = 0; i < EventsPerInvoke; i++)
        {
            simulation.Step();
        }

        return simulation.Now.Nanoseconds;
    }

    private static IEnumerable<Event> Loop(Simulation simulation, uint state)
    {
        while (true)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            yield return simulation.Timeout(SimTime.FromNanoseconds(1 + (state % 2_000)));
        }
    }
}
