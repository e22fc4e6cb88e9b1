namespace Sasg.NetSim.Network;

// The flows on each link, the ingress's fair link and the links' scheduled capacities.
public sealed partial class FlowNetwork
{
    private void RemoveFromLinks(Transfer flow)
    {
        var ingress = _ingresses[flow.Server];
        if (flow == ingress.Head)
        {
            ingress.Head = null;
        }

        if (flow.FairId >= 0)
        {
            ingress.FairById[flow.FairId] = null;
            flow.FairId = -1;
            flow.InFair = false;
            ingress.FairHolders--;
        }

        if (flow.UpSlot >= 0)
        {
            RemoveFrom(flow.Kind == TransferKind.Forward ? flow.Sender : flow.Worker, flow);
        }

        if (flow.DownSlot >= 0)
        {
            RemoveFrom(_workers + flow.Worker, flow);
        }
    }

    private void AddTo(int link, Transfer flow)
    {
        var state = _links[link];
        if (link < _workers)
        {
            flow.UpSlot = state.Flows.Count;
            state.Uncounted += flow.Kind == TransferKind.Forward ? 1 : 0;
        }
        else
        {
            flow.DownSlot = state.Flows.Count;
        }

        state.Flows.Add(flow);
        MarkDirty(link);
        EnsureTracking(link);
    }

    private void RemoveFrom(int link, Transfer flow)
    {
        var state = _links[link];
        var up = link < _workers;
        var slot = up ? flow.UpSlot : flow.DownSlot;
        var last = state.Flows[^1];
        state.Flows[slot] = last;
        if (up)
        {
            last.UpSlot = slot;
            flow.UpSlot = -1;
            state.Uncounted -= flow.Kind == TransferKind.Forward ? 1 : 0;
        }
        else
        {
            last.DownSlot = slot;
            flow.DownSlot = -1;
        }

        state.Flows.RemoveAt(state.Flows.Count - 1);
        MarkDirty(link);
    }

    private void MarkDirty(int link)
    {
        var state = _links[link];
        if (!state.Dirty)
        {
            state.Dirty = true;
            _dirty.Add(link);
            RequestWake(Now);
        }
    }

    private void AdvanceIngresses(long now)
    {
        if (Ingress != IngressPolicy.FairShare)
        {
            return;
        }

        foreach (var ingress in _ingresses)
        {
            AdvanceIngress(ingress, now);
        }
    }

    private void AdvanceIngress(IngressState ingress, long now)
    {
        var fair = ingress.Fair;
        if (fair.Now == now)
        {
            return;
        }

        fair.AdvanceTo(now);
        var completed = fair.Completed;
        for (var i = 0; i < completed.Count; i++)
        {
            var flow = ingress.FairById[completed[i]]!;
            flow.InFair = false;
            Complete(flow);
        }
    }

    private long NextFairCompletion()
    {
        var next = long.MaxValue;
        foreach (var ingress in _ingresses)
        {
            next = Math.Min(next, ingress.Fair.NextCompletion());
        }

        return next;
    }

    private IngressState IngressOf(int link) => _ingresses[link - _ingressIndex];

    private void PushTimer(long time, TimerKind kind, Transfer flow)
    {
        _timers.Enqueue(new Timer(kind, flow, flow.Version, 0), (time, _timerSequence++));
        RequestWake(time);
    }

    // Starts following a scheduled link's capacity when a flow comes to depend on it.
    private void EnsureTracking(int link)
    {
        var state = _links[link];
        if (state.Schedule is null || state.Tracking)
        {
            return;
        }

        state.Tracking = true;
        SetCapacity(link, state.Schedule.BitsPerSecondAt(Now));
        ScheduleCapacityChange(link);
    }

    private void SetCapacity(int link, long capacity)
    {
        _links[link].Capacity = capacity;
        MarkDirty(link);
        if (link >= _ingressIndex && Ingress == IngressPolicy.FairShare)
        {
            // Every flow's cap is clamped to the ingress capacity (the closed form's tie order among equal caps), so
            // a change of the ingress's capacity touches every flow: O(n log n), rare by design.
            var ingress = IngressOf(link);
            AdvanceIngress(ingress, Now);
            ingress.Fair.SetCapacity(capacity);
            for (var id = 0; id < ingress.NextFairId; id++)
            {
                if (ingress.FairById[id] is { } held)
                {
                    RecomputeFair(held);
                }
            }
        }
    }

    private void ScheduleCapacityChange(int link)
    {
        var next = _links[link].Schedule!.NextChange(Now);
        if (next != long.MaxValue)
        {
            _timers.Enqueue(new Timer(TimerKind.Capacity, null, 0, link), (next, _timerSequence++));
            RequestWake(next);
        }
        else
        {
            _links[link].Tracking = false;
            _links[link].Capacity = _links[link].Schedule!.BitsPerSecondAt(Now);
        }
    }
}
