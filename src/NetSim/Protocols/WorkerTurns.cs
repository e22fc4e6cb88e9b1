using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>The workers' turns under a protocol process: receive the model, compute, then upload the message or a
/// skip notice; a worker that goes offline during its turn loses it (its transfers are aborted, their bytes wasted).</summary>
/// <remarks>Each turn has a number; a callback of an earlier turn (a compute end or an offline watch after the turn
/// ended) finds its number stale and does nothing, so nothing has to be taken off the calendar.</remarks>
internal sealed class WorkerTurns
{
    private readonly FlowNetwork _network;
    private readonly ProtocolClock _clock;
    private readonly ComputeModel _compute;
    private readonly IWorkerAvailability _availability;
    private readonly ProtocolMessages _messages;
    private readonly IProtocolPlan _plan;
    private readonly long[] _turn;
    private readonly Transfer?[] _transfer;
    private readonly Transfer?[] _request;
    private readonly int[] _waiting;
    private readonly bool[] _busy;
    private readonly WorkerAction[] _action;

    public WorkerTurns(
        FlowNetwork network, ProtocolClock clock, ComputeModel compute, IWorkerAvailability availability, ProtocolMessages messages, IProtocolPlan plan)
    {
        _network = network;
        _clock = clock;
        _compute = compute;
        _availability = availability;
        _messages = messages;
        _plan = plan;
        var m = network.Topology.WorkerCount;
        _turn = new long[m];
        _transfer = new Transfer?[m];
        _request = new Transfer?[m];
        _waiting = new int[m];
        _busy = new bool[m];
        _action = new WorkerAction[m];
    }

    /// <summary>Called when a worker's upload or skip notice is in (after <see cref="IProtocolPlan.Delivered"/>).</summary>
    public Action<int>? Arrived { get; init; }

    /// <summary>Called when a worker's turn was lost (after <see cref="IProtocolPlan.Lost"/>).</summary>
    public Action<int>? Lost { get; init; }

    /// <summary>Called when the plan gave a worker nothing to do (<see cref="WorkerAction.Idle"/>).</summary>
    public Action<int>? Idled { get; init; }

    /// <summary>The number of workers.</summary>
    public int WorkerCount => _turn.Length;

    /// <summary>The workers in a turn.</summary>
    public int BusyCount { get; private set; }

    /// <summary>Whether <paramref name="worker"/> is in a turn.</summary>
    public bool IsBusy(int worker) => _busy[worker];

    /// <summary>Whether <paramref name="worker"/> is online now.</summary>
    public bool IsOnline(int worker) => _availability.IsOnline(worker, _clock.Simulation.Now.Nanoseconds);

    /// <summary>When <paramref name="worker"/>'s availability next changes (<see cref="long.MaxValue"/>: never).</summary>
    public long NextChange(int worker) => _availability.NextChange(worker, _clock.Simulation.Now.Nanoseconds);

    /// <summary>Starts a turn of <paramref name="worker"/>, which must be online and not busy: the model goes to it now.</summary>
    public void Begin(int worker)
    {
        var turn = ++_turn[worker];
        _busy[worker] = true;
        BusyCount++;
        var offline = NextChange(worker);
        if (offline != long.MaxValue)
        {
            _clock.At(offline, () =>
            {
                if (_turn[worker] == turn && _busy[worker])
                {
                    Cancel(worker, WorkLoss.Offline);
                }
            });
        }

        _transfer[worker] = _network.Download(worker, _messages.Model, _ => ModelReceived(worker, turn));
    }

    /// <summary>Ends <paramref name="worker"/>'s turn as lost for <paramref name="reason"/>: aborts its transfers and
    /// tells the plan; nothing when it is not busy.</summary>
    public void Cancel(int worker, WorkLoss reason)
    {
        if (!_busy[worker])
        {
            return;
        }

        var wasted = 0L;
        if (_transfer[worker] is { } transfer)
        {
            wasted += _network.Abort(transfer);
        }

        if (_request[worker] is { } request)
        {
            wasted += _network.Abort(request);
        }

        End(worker);
        _plan.Lost(worker, reason, wasted);
        Lost?.Invoke(worker);
    }

    private void ModelReceived(int worker, long turn)
    {
        if (_turn[worker] != turn)
        {
            return;
        }

        _transfer[worker] = null;
        var action = _plan.Start(worker);
        if (action.IsIdle && !action.Uploads)
        {
            End(worker);
            Idled?.Invoke(worker);
            return;
        }

        _action[worker] = action;
        _waiting[worker] = 1;
        if (action.Uploads && action.NeedsServerRequest)
        {
            _waiting[worker] = 2;
            _request[worker] = _network.Download(worker, _messages.Request, _ =>
            {
                if (_turn[worker] == turn)
                {
                    _request[worker] = null;
                    ReadyPart(worker, turn);
                }
            });
        }

        var duration = _compute.Duration(worker, action.ComputeCost);
        _network.Observer?.Computed(worker, _clock.Simulation.Now, duration);
        _clock.After(duration, () => ReadyPart(worker, turn));
    }

    // The compute, and the server's request when one is needed, must both be done before the upload starts.
    private void ReadyPart(int worker, long turn)
    {
        if (_turn[worker] != turn || --_waiting[worker] > 0)
        {
            return;
        }

        Action<Transfer> delivered = message =>
        {
            if (_turn[worker] == turn)
            {
                End(worker);
                _plan.Delivered(worker, message);
                Arrived?.Invoke(worker);
            }
        };

        // A skip notice goes over the uplink only, as in the synchronous round.
        _transfer[worker] = _action[worker].Uploads
            ? _network.Upload(worker, _action[worker].UploadSize, delivered)
            : _network.Notify(worker, _messages.SkipNotice, delivered);
    }

    private void End(int worker)
    {
        _turn[worker]++;
        _busy[worker] = false;
        BusyCount--;
        _transfer[worker] = null;
        _request[worker] = null;
    }
}
