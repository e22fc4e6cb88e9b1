namespace Sasg.Experiments.Protocols;

/// <summary>What a method's run under a time-driven protocol did beyond its metrics: every applied message with its
/// staleness, each worker's turns, messages, losses and wasted bytes, and how the protocol ended.</summary>
/// <param name="Kind">The protocol's word ("deadline", "asynchronous", "buffered").</param>
/// <param name="Applied">Every message the server applied, in order.</param>
/// <param name="Workers">One line per worker, by index.</param>
/// <param name="EmptyRounds">Deadline rounds that closed with nothing to apply.</param>
/// <param name="Outcome">How the protocol process ended ("stopped", "exhausted" or "stalled").</param>
public sealed record ProtocolReport(
    string Kind,
    IReadOnlyList<StalenessRow> Applied,
    IReadOnlyList<WorkerProtocolCounts> Workers,
    long EmptyRounds,
    string Outcome)
{
    /// <summary>Wire bytes of transfers cut off by a worker going offline or a round dropping a late upload.</summary>
    public long WastedBytes => Workers.Sum(w => w.WastedBytes);

    /// <summary>Staleness percentile <paramref name="p"/> (0..1, nearest rank) of the applied messages; 0 when none.</summary>
    public long StalenessPercentile(double p) => Percentile(Applied.Select(a => a.Staleness), p);

    /// <summary>Queue-wait percentile <paramref name="p"/> (0..1, nearest rank, ns) of the applied uploads; 0 when none.</summary>
    public long QueueWaitPercentile(double p) => Percentile(Applied.Where(a => a.Upload).Select(a => a.QueueWaitNanoseconds), p);

    /// <summary>The nearest-rank percentile: the smallest value with at least a fraction <paramref name="p"/> of the
    /// values at or below it.</summary>
    public static long Percentile(IEnumerable<long> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>One message the server applied.</summary>
/// <param name="Update">The server update it joined (1 = the first).</param>
/// <param name="Worker">Its worker.</param>
/// <param name="Staleness">Server updates between the model the worker computed on and this update.</param>
/// <param name="Upload">Whether it was an upload (else a skip notice, which reuses the worker's stored message).</param>
/// <param name="QueueWaitNanoseconds">How long its first bit waited at the server's ingress before the server began to
/// receive it (0 for a skip notice).</param>
/// <param name="Seconds">The simulated time of the update.</param>
public sealed record StalenessRow(long Update, int Worker, long Staleness, bool Upload, long QueueWaitNanoseconds, double Seconds);

/// <summary>One worker's counts under a time-driven protocol.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="Turns">Times it received the model and computed.</param>
/// <param name="Uploads">Uploads that reached the server.</param>
/// <param name="SkipNotices">Skip notices that reached the server.</param>
/// <param name="Applied">Its messages the server applied.</param>
/// <param name="LostOffline">Turns lost because it went offline.</param>
/// <param name="DroppedLate">Turns dropped because the round closed before its upload was in.</param>
/// <param name="WastedBytes">Wire bytes of its transfers that were cut off.</param>
public sealed record WorkerProtocolCounts(
    int Worker, long Turns, long Uploads, long SkipNotices, long Applied, long LostOffline, long DroppedLate, long WastedBytes);
