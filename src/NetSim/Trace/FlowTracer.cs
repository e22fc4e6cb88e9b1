using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.NetSim.Trace;

/// <summary>
/// Traces a time-driven protocol's run on a <see cref="FlowNetwork"/> (it sets itself as the network's
/// <see cref="FlowNetwork.Observer"/>): every transfer as a span when it is delivered or aborted, each worker link's
/// rate when it changes, compute spans, server updates and offline periods. Observation only.
/// </summary>
/// <remarks>
/// <para>
/// A transfer is a span on its worker from its start to its delivery or abort (<see cref="TraceRecord.Aborted"/>),
/// with its wire bytes: a model download is <see cref="TraceKind.Broadcast"/>, a server request
/// <see cref="TraceKind.Request"/>, a skip notice <see cref="TraceKind.Skip"/>, an upload <see cref="TraceKind.Upload"/>,
/// which adds on the server the wait of its first bit at the ingress (<see cref="TraceKind.QueueWait"/>, when
/// positive) and its receive (<see cref="TraceKind.Receive"/>). A record's round is the number of server updates
/// applied when it was written (a span's end), so records come in round order as <see cref="ITraceSink"/> promises.
/// </para>
/// <para>
/// After each of the network's wake-ups, the tracer sums the rates of the live transfers per worker link and writes a
/// <see cref="TraceKind.Rate"/> record for each link whose sum changed: O(live transfers) per wake-up, only while
/// tracing. A flow sharing the fair ingress is counted at the shared level (within 1 bit/s of its rate).
/// </para>
/// <para>
/// Records come in the order things end, not sorted by start; <see cref="WriteOffline"/> writes the offline spans
/// last, with the last round.
/// </para>
/// </remarks>
public sealed class FlowTracer : IFlowObserver
{
    private readonly ITraceSink _sink;
    private readonly FlowNetwork _network;
    private readonly ProtocolMessages _messages;
    private readonly List<Transfer> _live = [];
    private readonly long[] _up;
    private readonly long[] _down;
    private readonly long[] _upWritten;
    private readonly long[] _downWritten;
    private readonly bool[] _marked;
    private List<int> _workers = [];
    private List<int> _next = [];
    private int _updates;

    /// <summary>Traces <paramref name="network"/> to <paramref name="sink"/>, and becomes its observer.</summary>
    /// <param name="sink">Where the records go.</param>
    /// <param name="network">The network watched.</param>
    /// <param name="messages">The protocol's message sizes (a download of the request's size is a request).</param>
    public FlowTracer(ITraceSink sink, FlowNetwork network, ProtocolMessages messages)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(messages);
        _sink = sink;
        _network = network;
        _messages = messages;
        var m = network.Topology.WorkerCount;
        _up = new long[m];
        _down = new long[m];
        _upWritten = new long[m];
        _downWritten = new long[m];
        _marked = new bool[m];
        network.Observer = this;
    }

    private SimTime Now => _network.Simulation.Now;

    /// <inheritdoc/>
    public void Started(Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        transfer.ObserverSlot = _live.Count;
        _live.Add(transfer);
    }

    /// <inheritdoc/>
    public void Ended(Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.ObserverSlot < 0)
        {
            return;
        }

        var last = _live[^1];
        _live[transfer.ObserverSlot] = last;
        last.ObserverSlot = transfer.ObserverSlot;
        _live.RemoveAt(_live.Count - 1);
        transfer.ObserverSlot = -1;

        var now = Now;
        var start = SimTime.FromNanoseconds(transfer.Start);
        var round = _updates;
        var aborted = transfer.Aborted;
        _sink.Write(new TraceRecord(start, now, transfer.Worker, KindOf(transfer), round, transfer.WireBytes) { Aborted = aborted });
        if (transfer.Kind != TransferKind.Upload || transfer.Arrival < 0 || transfer.Arrival > now.Nanoseconds)
        {
            return;
        }

        var arrival = SimTime.FromNanoseconds(transfer.Arrival);
        var receive = transfer.ReceiveStart >= 0 ? SimTime.FromNanoseconds(transfer.ReceiveStart) : now;
        if (receive > arrival)
        {
            _sink.Write(new TraceRecord(arrival, receive, transfer.Worker, TraceKind.QueueWait, round, 0) { Aborted = aborted && transfer.ReceiveStart < 0 });
        }

        if (transfer.ReceiveStart >= 0)
        {
            _sink.Write(new TraceRecord(receive, now, transfer.Worker, TraceKind.Receive, round, transfer.WireBytes) { Aborted = aborted });
        }
    }

    /// <inheritdoc/>
    public void Settled()
    {
        foreach (var transfer in _live)
        {
            var rate = _network.RateNow(transfer);
            var w = transfer.Worker;
            if (transfer.Kind is TransferKind.Upload or TransferKind.Notice)
            {
                _up[w] += rate;
            }
            else
            {
                _down[w] += rate;
            }

            Mark(w);
        }

        _workers.Sort();
        var now = Now;
        foreach (var w in _workers)
        {
            _marked[w] = false;
            if (_up[w] != _upWritten[w])
            {
                _sink.Write(new TraceRecord(now, now, w, TraceKind.Rate, _updates, 0) { Value = _up[w] });
                _upWritten[w] = _up[w];
            }

            if (_down[w] != _downWritten[w])
            {
                _sink.Write(new TraceRecord(now, now, w, TraceKind.Rate, _updates, 1) { Value = _down[w] });
                _downWritten[w] = _down[w];
            }

            // A link last written above 0 is looked at again next time, so its drop to 0 is written.
            if (_up[w] != 0 || _down[w] != 0)
            {
                _next.Add(w);
                _marked[w] = true;
            }

            _up[w] = 0;
            _down[w] = 0;
        }

        _workers.Clear();
        (_workers, _next) = (_next, _workers);
    }

    /// <inheritdoc/>
    public void Computed(int worker, SimTime start, SimTime duration) =>
        _sink.Write(new TraceRecord(start, start + duration, worker, TraceKind.Compute, _updates, 0));

    /// <summary>The server applied update <paramref name="number"/> now; <paramref name="staleness"/> is the largest
    /// staleness among its messages.</summary>
    public void Updated(int number, long staleness)
    {
        _updates = number;
        var now = Now;
        _sink.Write(new TraceRecord(now, now, TraceRecord.ServerNode, TraceKind.Update, number, 0) { Value = staleness });
    }

    /// <summary>Writes each worker's offline periods from time 0 to <paramref name="end"/> (a period still going on
    /// at the end is cut there), worker by worker.</summary>
    public void WriteOffline(IWorkerAvailability availability, SimTime end)
    {
        ArgumentNullException.ThrowIfNull(availability);
        var endNs = end.Nanoseconds;
        for (var w = 0; w < _up.Length; w++)
        {
            var t = 0L;
            while (t < endNs)
            {
                var next = Math.Min(availability.NextChange(w, t), endNs);
                if (next <= t)
                {
                    break;
                }

                if (!availability.IsOnline(w, t))
                {
                    _sink.Write(new TraceRecord(SimTime.FromNanoseconds(t), SimTime.FromNanoseconds(next), w, TraceKind.Offline, _updates, 0));
                }

                t = next;
            }
        }
    }

    private void Mark(int worker)
    {
        if (!_marked[worker])
        {
            _marked[worker] = true;
            _workers.Add(worker);
        }
    }

    private TraceKind KindOf(Transfer transfer) => transfer.Kind switch
    {
        TransferKind.Upload => TraceKind.Upload,
        TransferKind.Notice => TraceKind.Skip,
        TransferKind.Download when transfer.Payload == _messages.Request && _messages.Request != _messages.Model => TraceKind.Request,
        _ => TraceKind.Broadcast,
    };
}
