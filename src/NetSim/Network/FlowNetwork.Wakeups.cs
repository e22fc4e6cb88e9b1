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
            next = Math.Min(next, NextFairCompletion());
        }

        if (next != long.MaxValue)
        {
            RequestWake(next);
        }
    }

    // Flow ids of an ingress's fair link follow the order flows were admitted (the closed form's tie-break among equal
    // caps); they restart at 0 whenever no flow holds one, and are renumbered in order when they outgrow the flows.
    private void AssignFairId(Transfer flow)
    {
        var ingress = _ingresses[flow.Server];
        if (ingress.FairHolders == 0)
        {
            ingress.NextFairId = 0;
        }
        else if (ingress.NextFairId == ingress.FairById.Length && ingress.NextFairId >= (4 * ingress.FairHolders) + 1024)
        {
            RenumberFairIds(ingress);
        }

        if (ingress.NextFairId == ingress.FairById.Length)
        {
            Array.Resize(ref ingress.FairById, ingress.FairById.Length * 2);
        }

        flow.FairId = ingress.NextFairId++;
        ingress.FairById[flow.FairId] = flow;
        ingress.FairHolders++;
    }

    private void RenumberFairIds(IngressState ingress)
    {
        FairIdRenumberings++;
        var holders = new List<Transfer>(ingress.FairHolders);
        for (var id = 0; id < ingress.NextFairId; id++)
        {
            var flow = ingress.FairById[id];
            if (flow is null)
            {
                continue;
            }

            holders.Add(flow);
            if (flow.InFair)
            {
                flow.Remaining = ingress.Fair.Take(id);
            }

            ingress.FairById[id] = null;
        }

        for (var id = 0; id < holders.Count; id++)
        {
            var flow = holders[id];
            flow.FairId = id;
            ingress.FairById[id] = flow;
            if (flow.InFair)
            {
                ingress.Fair.Put(id, flow.Remaining, flow.Cap);
            }
        }

        ingress.NextFairId = holders.Count;
    }

    // One server's ingress: its link, its fair link, its sequential queue and the upload it takes now.
    private sealed class IngressState(int link, long capacity, long nominal, long now)
    {
        public readonly int Link = link;
        public readonly long Nominal = nominal;
        public readonly FairShareLink Fair = new(capacity, now);
        public readonly PriorityQueue<Transfer, (long Arrival, int Worker, long Sequence)> Queue = new();
        public Transfer?[] FairById = new Transfer?[16];
        public int NextFairId;
        public int FairHolders;
        public Transfer? Head;

        public bool Idle => FairHolders == 0 && Head is null;
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
