using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.Experiments.Protocols;

/// <summary>Counts what happens under a protocol process, as the driver's plan sees it: which model version each turn
/// started from, what reached the server and when, what was lost, and which messages each update applied.</summary>
/// <remarks>Staleness is counted here from the network's side: the server updates applied between the worker's receipt
/// of the model its message was computed on and the update that applies the message.</remarks>
internal sealed class ProtocolStatistics
{
    private readonly long[] _pulled;
    private readonly long[] _messageVersion;
    private readonly long[] _messageWait;
    private readonly bool[] _messageIsUpload;
    private readonly long[] _turns, _uploads, _skips, _applied, _offline, _late, _wasted;
    private readonly List<AppliedMessage> _rows = [];

    public ProtocolStatistics(int workers)
    {
        _pulled = new long[workers];
        _messageVersion = new long[workers];
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

    /// <summary>The worker received the current model and computes on it.</summary>
    public void Started(int worker)
    {
        _turns[worker]++;
        _pulled[worker] = Updates;
    }

    /// <summary>The worker's message reached the server.</summary>
    public void Delivered(int worker, Transfer message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var upload = message.Kind == TransferKind.Upload;
        (upload ? _uploads : _skips)[worker]++;
        _messageVersion[worker] = _pulled[worker];
        _messageIsUpload[worker] = upload;
        _messageWait[worker] = upload && message.ReceiveStart >= 0 && message.Arrival >= 0 ? message.ReceiveStart - message.Arrival : 0;
    }

    /// <summary>The worker's turn was lost.</summary>
    public void Lost(int worker, WorkLoss reason, long wastedBytes)
    {
        (reason == WorkLoss.Offline ? _offline : _late)[worker]++;
        _wasted[worker] += wastedBytes;
    }

    /// <summary>The server applied one update from <paramref name="workers"/>' messages at <paramref name="seconds"/>.</summary>
    public void Applied(IReadOnlyList<int> workers, double seconds)
    {
        ArgumentNullException.ThrowIfNull(workers);
        Updates++;
        foreach (var w in workers)
        {
            _applied[w]++;
            _rows.Add(new AppliedMessage(Updates, w, Updates - 1 - _messageVersion[w], _messageIsUpload[w], _messageWait[w], seconds));
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
