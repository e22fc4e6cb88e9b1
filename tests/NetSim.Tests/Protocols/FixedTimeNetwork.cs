using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.NetSim.Tests.Protocols;

/// <summary>A stand-in network for the protocol tests: every transfer of a worker takes a fixed time per byte on its
/// link (no latency, no overhead), and the server receives uploads either all at once (unlimited ingress) or one at a
/// time in arrival order at the uplink's rate (a sequential server).</summary>
internal sealed class FixedTimeNetwork(Simulation simulation, int workers, long uploadNsPerByte, long downloadNsPerByte, bool sequential = false)
    : IProtocolNetwork
{
    private readonly Dictionary<long, (long Start, long End, long Bytes, bool Upload)> _live = [];
    private long _next;
    private long _serverFree;

    public Simulation Simulation { get; } = simulation;

    public int WorkerCount { get; } = workers;

    public long Upload(int worker, DataSize payload, Action delivered)
    {
        var now = Simulation.Now.Nanoseconds;
        var start = sequential ? Math.Max(now, _serverFree) : now;
        var end = start + (payload.Bytes * uploadNsPerByte);
        if (sequential)
        {
            _serverFree = end;
        }

        return Start(now, start, end, payload.Bytes, true, delivered);
    }

    public long Download(int worker, DataSize payload, Action delivered)
    {
        var now = Simulation.Now.Nanoseconds;
        return Start(now, now, now + (payload.Bytes * downloadNsPerByte), payload.Bytes, false, delivered);
    }

    public long Abort(long transfer)
    {
        if (!_live.Remove(transfer, out var t))
        {
            return 0;
        }

        var now = Simulation.Now.Nanoseconds;
        var perByte = t.Upload ? uploadNsPerByte : downloadNsPerByte;
        return now <= t.Start || perByte == 0 ? 0 : Math.Min(t.Bytes, (now - t.Start) / perByte);
    }

    private long Start(long now, long start, long end, long bytes, bool upload, Action delivered)
    {
        var id = _next++;
        _live[id] = (start, end, bytes, upload);
        var done = new Event(Simulation);
        Simulation.Schedule(done, SimTime.FromNanoseconds(end - now));
        Simulation.Process(Wait(done, id, delivered));
        return id;
    }

    private IEnumerable<Event> Wait(Event done, long id, Action delivered)
    {
        yield return done;
        if (_live.Remove(id))
        {
            delivered();
        }
    }
}
