using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>The workers' turns under a protocol process: receive the model, compute, then upload the message or a
/// skip notice; a worker that goes offline during its turn loses it (its transfers are aborted, their bytes wasted).</summary>
/// <remarks>Each turn has a number; a callback of an earlier turn (a compute end or an offline watch after the turn
/// ended) finds its number stale and does nothing, so nothing has to be taken off the calendar.</remarks>
internal sealed class WorkerTurns
{
    private readonly IProtocolNetwork _network;
    private readonly Simulation _simulation;
    private readonly ComputeModel _compute;
    private readonly IWorkerAvailability _availability;
    private readonly ProtocolMessages _messages;
    private readonly IProtocolPlan _plan;
    private readonly long[] _turn;
    private readonly long[] _transfer;
    private readonly long[] _request;
    private readonly int[] _waiting;
    private readonly bool[] _busy;
    private readonly WorkerAction[] _action;

    public WorkerTurns(
        IProtocolNetwork network, ComputeModel compute, IWorkerAvailability availability, ProtocolMessages messages, IProtocolPlan plan)
    {
        _network = network;
        _simulation = network.Simulation;
        _compute = compute;
        _availability = availability;
        _messages = messages;
        _plan = plan;
        var m = network.WorkerCount;
        _turn = new long[m];
        _transfer = new long[m];
        _request = new long[m];
        _waiting = new int[m];
        _busy = new bool[m];
        _action = new WorkerAction[m];
        Array.Fill(_transfer, -1);
        Array.Fill(_request, -1);
    }

    /// <summary>Called when a worker's upload or skip notice is in.</summary>
    public Action<int>? Arrived { get; init; }

    /// <summary>Called when a worker's turn was lost (after <see cref="IProtocolPlan.Lost"/>).</summary>
    public Action<int>? Lost { get; init; }

    /// <summary>Called when the plan gave a worker nothing to do (<see cref="WorkerAction.Idle"/>).</summary>
    public Action<int>? Idled { get; init; }

    /// <summary>The number of workers.</summary>
    public int WorkerCount => _turn.Length;

    /// <summary>Whether <paramref name="worker"/> is in a turn.</summary>
    public bool IsBusy(int worker) => _busy[worker];

    /// <summary>Whether <paramref name="worker"/> is online now.</summary>
    public bool IsOnline(int worker) => _availability.IsOnline(worker, _simulation.Now.Nanoseconds);

    /// <summary>When <paramref name="worker"/>'s availability next changes (<see cref="long.MaxValue"/>: never).</summary>
    public long NextChange(int worker) => _availability.NextChange(worker, _simulation.Now.Nanoseconds);

    /// <summary>Starts a turn of <paramref name="worker"/>, which must be online and not busy: the model goes to it now.</summary>
    public void Begin(int worker)
    {
        var turn = ++_turn[worker];
        _busy[worker] = true;
        var offline = NextChange(worker);
        if (offline != long.MaxValue)
        {
            CallbackEvent.After(_simulation, SimTime.FromNanoseconds(offline - _simulation.Now.Nanoseconds), () =>
            {
                if (_turn[worker] == turn && _busy[worker])
                {
                    Cancel(worker, WorkLoss.Offline);
                }
            });
        }

        _transfer[worker] = _network.Download(worker, _messages.Model, () => ModelReceived(worker, turn));
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
        if (_transfer[worker] >= 0)
        {
            wasted += _network.Abort(_transfer[worker]);
        }

        if (_request[worker] >= 0)
        {
            wasted += _network.Abort(_request[worker]);
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

        _transfer[worker] = -1;
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
            _request[worker] = _network.Download(worker, _messages.Request, () =>
            {
                if (_turn[worker] == turn)
                {
                    _request[worker] = -1;
                    ReadyPart(worker, turn);
                }
            });
        }

        var duration = _compute.Duration(worker, action.ComputeCost);
        CallbackEvent.After(_simulation, duration, () => ReadyPart(worker, turn));
    }

    // The compute, and the server's request when one is needed, must both be done before the upload starts.
    private void ReadyPart(int worker, long turn)
    {
        if (_turn[worker] != turn || --_waiting[worker] > 0)
        {
            return;
        }

        var action = _action[worker];
        var size = action.Uploads ? action.UploadSize : _messages.SkipNotice;
        _transfer[worker] = _network.Upload(worker, size, () =>
        {
            if (_turn[worker] == turn)
            {
                End(worker);
                Arrived?.Invoke(worker);
            }
        });
    }

    private void End(int worker)
    {
        _turn[worker]++;
        _busy[worker] = false;
        _transfer[worker] = -1;
        _request[worker] = -1;
    }
}
