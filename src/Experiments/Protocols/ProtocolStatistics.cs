using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.Experiments.Protocols;

/// <summary>Counts what happens under a protocol process, as the driver's plan sees it: turns, what reached the server
/// and how long it queued, what was lost, and which messages each update applied.</summary>
/// <remarks>Staleness is the trainer's: the server updates between the model a message was computed on and the update
/// that applies it.</remarks>
internal sealed class ProtocolStatistics
{
    private readonly long[] _messageWait;
    private readonly bool[] _messageIsUpload;
    private readonly long[] _turns, _uploads, _skips, _applied, _offline, _late, _wasted;
    private readonly List<StalenessRow> _rows = [];

    public ProtocolStatistics(int workers)
    {
        _messageWait = new long[workers];
        _messageIsUpload = new bool[workers];
        _turns = new long[workers];
        _uploads = new long[workers];
        _skips = new long[workers];
        _applied = new long[workers];
        _offline = new long[workers];
        _late = new long[workers];
        _wasted = new long[workers];
    }

    /// <summary>Server updates so far.</summary>
    public long Updates { get; private set; }

    /// <summary>When the last update was applied, or null before the first.</summary>
    public NetSim.Kernel.SimTime? LastUpdate { get; private set; }

    /// <summary>The worker received the current model and computes on it.</summary>
    public void Started(int worker)
    {
        _turns[worker]++;
    }

    /// <summary>The worker's message reached the server.</summary>
    public void Delivered(int worker, Transfer message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var upload = message.Kind == TransferKind.Upload;
        (upload ? _uploads : _skips)[worker]++;
        _messageIsUpload[worker] = upload;
        _messageWait[worker] = upload && message.ReceiveStart >= 0 && message.Arrival >= 0 ? message.ReceiveStart - message.Arrival : 0;
    }

    /// <summary>The worker's turn was lost.</summary>
    public void Lost(int worker, WorkLoss reason, long wastedBytes)
    {
        (reason == WorkLoss.Offline ? _offline : _late)[worker]++;
        _wasted[worker] += wastedBytes;
    }

    /// <summary>The server applied one update from <paramref name="messages"/> (the trainer's account of it, with
    /// each message's staleness) at <paramref name="now"/>.</summary>
    public void Applied(IReadOnlyList<Learning.Algorithms.AppliedMessage> messages, NetSim.Kernel.SimTime now)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Updates++;
        LastUpdate = now;
        var seconds = now.TotalSeconds;
        foreach (var message in messages)
        {
            var w = message.Worker;
            _applied[w]++;
            _rows.Add(new StalenessRow(Updates, w, message.Staleness, _messageIsUpload[w], _messageIsUpload[w] ? _messageWait[w] : 0, seconds));
        }
    }

    /// <summary>The report of everything counted.</summary>
    public ProtocolReport Report(string kind, long emptyRounds, ProtocolOutcome outcome) => new(
        kind,
        [.. _rows],
        [.. Enumerable.Range(0, _turns.Length).Select(w => new WorkerProtocolCounts(
            w, _turns[w], _uploads[w], _skips[w], _applied[w], _offline[w], _late[w], _wasted[w]))],
        emptyRounds,
        outcome.ToString().ToLowerInvariant());
}
