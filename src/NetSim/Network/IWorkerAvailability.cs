namespace Sasg.NetSim.Network;

/// <summary>
/// When each worker is online: piecewise constant over simulated time, right-continuous (a worker online on
/// [from, until) is offline at <c>until</c>). An offline worker computes nothing and sends nothing; work in progress
/// when it goes offline is lost.
/// </summary>
/// <remarks>Times are integer nanoseconds from the start of the run (0). Implementations are deterministic (seeded
/// per worker, never from wall-clock time) and answer for any worker in 0..M-1 and any time &gt;= 0.</remarks>
public interface IWorkerAvailability
{
    /// <summary>Whether <paramref name="worker"/> is online at <paramref name="time"/>.</summary>
    bool IsOnline(int worker, long time);

    /// <summary>The first time strictly after <paramref name="time"/> at which <paramref name="worker"/>'s state
    /// differs from its state at <paramref name="time"/>; <see cref="long.MaxValue"/> when it never changes again.</summary>
    long NextChange(int worker, long time);
}

/// <summary>Every worker online all the time (today's behaviour).</summary>
public sealed class AlwaysOnline : IWorkerAvailability
{
    /// <summary>The one instance.</summary>
    public static AlwaysOnline Instance { get; } = new();

    private AlwaysOnline()
    {
    }

    /// <inheritdoc/>
    public bool IsOnline(int worker, long time) => true;

    /// <inheritdoc/>
    public long NextChange(int worker, long time) => long.MaxValue;
}
