using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

// The wake-up events and the fair ingress's flow ids.
public sealed partial class FlowNetwork
{
    private void RequestWake(long time)
    {
        if ((_inWake && time == Now) || time >= _scheduledWake)
        {
            return;
        }

        _scheduledWake = time;
        var wakeup = _wakeups.Count > 0 ? _wakeups.Pop() : new FlowWakeup(this);
        wakeup.Arm(SimTime.FromNanoseconds(time - Now), WakePriority);
    }

    private void ScheduleNextWake()
    {
        var next = _timers.TryPeek(out _, out var key) ? key.Time : long.MaxValue;
        if (Ingress == IngressPolicy.FairShare)
        {
            next = Math.Min(next, _fair.NextCompletion());
        }

        if (next != long.MaxValue)
        {
            RequestWake(next);
        }
    }

    // Flow ids of the fair ingress follow the order flows were admitted (the closed form's tie-break among equal caps);
    // they restart at 0 whenever no flow holds one, and are renumbered in order when they outgrow the flows.
    private void AssignFairId(Transfer flow)
    {
        if (_fairHolders == 0)
        {
            _nextFairId = 0;
        }
        else if (_nextFairId == _fairById.Length && _nextFairId >= (4 * _fairHolders) + 1024)
        {
            RenumberFairIds();
        }

        if (_nextFairId == _fairById.Length)
        {
            Array.Resize(ref _fairById, _fairById.Length * 2);
        }

        flow.FairId = _nextFairId++;
        _fairById[flow.FairId] = flow;
        _fairHolders++;
    }

    private void RenumberFairIds()
    {
        FairIdRenumberings++;
        var holders = new List<Transfer>(_fairHolders);
        for (var id = 0; id < _nextFairId; id++)
        {
            var flow = _fairById[id];
            if (flow is null)
            {
                continue;
            }

            holders.Add(flow);
            if (flow.InFair)
            {
                flow.Remaining = _fair.Take(id);
            }

            _fairById[id] = null;
        }

        for (var id = 0; id < holders.Count; id++)
        {
            var flow = holders[id];
            flow.FairId = id;
            _fairById[id] = flow;
            if (flow.InFair)
            {
                _fair.Put(id, flow.Remaining, flow.Cap);
            }
        }

        _nextFairId = holders.Count;
    }
}

/// <summary>The network's reusable wake-up event.</summary>
internal sealed class FlowWakeup(FlowNetwork network) : Event(network.Simulation)
{
    public void Arm(SimTime delay, EventPriority priority)
    {
        ResetForReuse();
        Simulation.Schedule(this, delay, priority);
    }

    internal override void Fire()
    {
        base.Fire();
        network.ReturnWakeup(this);
        network.Wake();
    }
}
