using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Protocols;

/// <summary>Test availability: each worker is online except in its listed [from, until) offline intervals (sorted).</summary>
internal sealed class IntervalAvailability(params (int Worker, long From, long Until)[] offline) : IWorkerAvailability
{
    public bool IsOnline(int worker, long time) =>
        !offline.Any(o => o.Worker == worker && time >= o.From && time < o.Until);

    public long NextChange(int worker, long time)
    {
        var online = IsOnline(worker, time);
        var candidates = offline.Where(o => o.Worker == worker)
            .SelectMany(o => new[] { o.From, o.Until })
            .Where(t => t > time && IsOnline(worker, t) != online);
        return candidates.DefaultIfEmpty(long.MaxValue).Min();
    }
}
