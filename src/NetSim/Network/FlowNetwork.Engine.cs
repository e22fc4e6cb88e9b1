using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

// The engine: one wake-up per instant advances the ingress, runs the timers due, fires callbacks and settles rates.
public sealed partial class FlowNetwork
{
    // After every other event of the instant: all uploads arriving now are in before the ingress picks among them.
    private const EventPriority WakePriority = (EventPriority)127;

    private readonly PriorityQueue<Timer, (long Time, long Sequence)> _timers = new();
    private readonly List<Transfer> _arrived = [];
    private readonly List<int> _dirty = [];
    private readonly Stack<FlowWakeup> _wakeups = new();
    private List<(Transfer Flow, bool Delivered)> _callbacks = [];
    private List<(Transfer Flow, bool Delivered)> _firing = [];
    private long _scheduledWake = long.MaxValue;
    private long _sequence;
    private long _timerSequence;
    private bool _inWake;

    private enum TimerKind : byte
    {
        Arrival,
        Finish,
        Deliver,
        Capacity,
    }

    // How often the fair ingress's flow ids were renumbered (for tests).
    internal int FairIdRenumberings { get; private set; }

    private bool Sequential => Ingress is IngressPolicy.SequentialPush or IngressPolicy.SequentialPull;

    internal void Wake()
    {
        var now = Now;
        if (now >= _scheduledWake)
        {
            _scheduledWake = long.MaxValue;
        }

        _inWake = true;
        try
        {
            do
            {
                AdvanceIngresses(now);
                while (_timers.TryPeek(out var timer, out var key) && key.Time <= now)
                {
                    _timers.Dequeue();
                    Handle(timer);
                }

                FireCallbacks();
                Settle();
            }
            while (_arrived.Count > 0 || _dirty.Count > 0 || _callbacks.Count > 0
                || (_timers.TryPeek(out _, out var next) && next.Time <= now)
                || (Ingress == IngressPolicy.FairShare && NextFairCompletion() <= now));
        }
        finally
        {
            _inWake = false;
        }

        Observer?.Settled();
        ScheduleNextWake();
    }

    internal void ReturnWakeup(FlowWakeup wakeup) => _wakeups.Push(wakeup);

    private void Handle(Timer timer)
    {
        var flow = timer.Flow;
        switch (timer.Kind)
        {
            case TimerKind.Arrival when flow!.State == FlowState.Latency:
                flow.State = FlowState.Arrived;
                _arrived.Add(flow);
                break;
            case TimerKind.Finish when flow!.State == FlowState.Flowing && flow.Version == timer.Version:
                Complete(flow);
                break;
            case TimerKind.Deliver when flow!.State == FlowState.InFlight && flow.Version == timer.Version:
                Deliver(flow);
                break;
            case TimerKind.Capacity:
                var link = _links[timer.Link];
                if (timer.Link >= _ingressIndex ? IngressOf(timer.Link).Idle : link.Flows.Count == 0)
                {
                    link.Tracking = false;
                    break;
                }

                SetCapacity(timer.Link, link.Schedule!.BitsPerSecondAt(Now));
                FlowEvents++;
                ScheduleCapacityChange(timer.Link);
                break;
        }
    }

    // Takes the uploads arrived now in (arrival, worker, start) order, fills a free sequential ingress, and recomputes
    // the rates of the flows on every link that changed.
    private void Settle()
    {
        if (_arrived.Count > 0)
        {
            _arrived.Sort(static (a, b) => a.Arrival != b.Arrival ? a.Arrival.CompareTo(b.Arrival)
                : a.Worker != b.Worker ? a.Worker.CompareTo(b.Worker) : a.Sequence.CompareTo(b.Sequence));
            foreach (var flow in _arrived)
            {
                if (flow.State == FlowState.Arrived)
                {
                    Admit(flow);
                }
            }

            _arrived.Clear();
        }

        if (Sequential)
        {
            foreach (var ingress in _ingresses)
            {
                if (ingress.Head is not null)
                {
                    continue;
                }

                while (ingress.Queue.TryDequeue(out var flow, out _))
                {
                    if (flow.State == FlowState.Queued)
                    {
                        ingress.Head = flow;
                        StartFlowing(flow, flow.Worker);
                        break;
                    }
                }
            }
        }

        for (var i = 0; i < _dirty.Count; i++)
        {
            var link = _links[_dirty[i]];
            link.Dirty = false;
            if (_dirty[i] >= _ingressIndex)
            {
                if (IngressOf(_dirty[i]).Head is { } head)
                {
                    Recompute(head);
                }

                continue;
            }

            var flows = link.Flows;
            for (var f = 0; f < flows.Count; f++)
            {
                Recompute(flows[f]);
            }
        }

        _dirty.Clear();
    }

    private void Admit(Transfer flow)
    {
        FlowEvents++;
        switch (Ingress)
        {
            case IngressPolicy.FairShare when flow.WireBits == 0:
                flow.ReceiveStart = Now;
                Complete(flow);
                break;
            case IngressPolicy.FairShare:
                AssignFairId(flow);
                StartFlowing(flow, flow.Worker);
                break;
            case IngressPolicy.Unlimited:
                StartFlowing(flow, flow.Worker);
                break;
            default:
                flow.State = FlowState.Queued;
                _ingresses[flow.Server].Queue.Enqueue(flow, (flow.Arrival, flow.Worker, flow.Sequence));
                break;
        }
    }

    private void StartFlowing(Transfer flow, int link)
    {
        flow.State = FlowState.Flowing;
        flow.Since = Now;
        flow.Rate = -1;
        if (flow.Kind != TransferKind.Upload)
        {
            flow.Arrival = Now;
        }

        flow.ReceiveStart = Now;
        AddTo(link, flow);
        if (flow.Kind == TransferKind.Upload && Ingress != IngressPolicy.Unlimited)
        {
            EnsureTracking(_ingressIndex + flow.Server);
        }

        RequestWake(Now);
    }

    private void Recompute(Transfer flow)
    {
        if (flow.State != FlowState.Flowing)
        {
            return;
        }

        if (flow.FairId >= 0)
        {
            RecomputeFair(flow);
            return;
        }

        var rate = RateOf(flow);
        if (rate == flow.Rate)
        {
            return;
        }

        var now = Now;
        flow.Remaining = RemainingNow(flow);
        flow.Since = now;
        flow.Rate = rate;
        flow.Version++;
        if (flow.Remaining <= 0)
        {
            PushTimer(now, TimerKind.Finish, flow);
        }
        else if (rate > 0)
        {
            PushTimer(now + FairShareTreap.CeilingDivide(flow.Remaining, rate), TimerKind.Finish, flow);
        }
    }

    private void RecomputeFair(Transfer flow)
    {
        var ingress = _ingresses[flow.Server];
        var cap = Math.Min(_links[flow.Worker].Share, _links[ingress.Link].Capacity);

        if (flow.InFair)
        {
            if (cap == 0)
            {
                flow.Remaining = ingress.Fair.Take(flow.FairId);
                flow.InFair = false;
            }
            else if (cap != flow.Cap)
            {
                ingress.Fair.SetCap(flow.FairId, cap);
            }
        }
        else if (cap > 0)
        {
            ingress.Fair.Put(flow.FairId, flow.Remaining, cap);
            flow.InFair = true;
        }

        flow.Cap = cap;
    }

    private long RateOf(Transfer flow)
    {
        switch (flow.Kind)
        {
            case TransferKind.Download:
                return _links[_workers + flow.Worker].Share;
            case TransferKind.Forward:
                return Math.Min(_links[flow.Sender].Capacity, _links[_workers + flow.Worker].Share);
            case TransferKind.Notice:
                return _links[flow.Worker].Share;
            default:
                var up = _links[flow.Worker].Share;
                return Ingress == IngressPolicy.Unlimited ? up : Math.Min(up, _links[_ingressIndex + flow.Server].Capacity);
        }
    }

    private Int128 RemainingNow(Transfer flow) =>
        flow.Rate > 0 ? flow.Remaining - ((Int128)flow.Rate * (Now - flow.Since)) : flow.Remaining;

    // The last bit has left the bottleneck: an upload is delivered, anything else travels its latency first.
    private void Complete(Transfer flow)
    {
        var now = Now;
        FlowEvents++;
        RemoveFromLinks(flow);
        flow.Sent = now;
        flow.Version++;
        if (flow.Kind == TransferKind.Upload)
        {
            Deliver(flow);
            return;
        }

        flow.State = FlowState.InFlight;
        if (flow.OnSent is not null)
        {
            _callbacks.Add((flow, false));
        }

        var latency = flow.Kind switch
        {
            TransferKind.Download => _downlinks[flow.Worker].Latency.Nanoseconds,
            TransferKind.Notice => _uplinks[flow.Worker].Latency.Nanoseconds,
            _ => _downlinks[flow.Worker].Latency.Nanoseconds + _uplinks[flow.Sender].Latency.Nanoseconds,
        };
        if (latency == 0)
        {
            Deliver(flow);
        }
        else
        {
            PushTimer(now + latency, TimerKind.Deliver, flow);
        }
    }

    private void Deliver(Transfer flow)
    {
        flow.Delivered = Now;
        flow.State = FlowState.Done;
        ActiveTransfers--;
        Observer?.Ended(flow);
        if (flow.OnDelivered is not null)
        {
            _callbacks.Add((flow, true));
        }
    }

    private void FireCallbacks()
    {
        while (_callbacks.Count > 0)
        {
            (_callbacks, _firing) = (_firing, _callbacks);
            foreach (var (flow, delivered) in _firing)
            {
                if (delivered)
                {
                    flow.OnDelivered!(flow);
                }
                else if (!flow.Aborted)
                {
                    flow.OnSent!(flow);
                }
            }

            _firing.Clear();
        }
    }

    private readonly record struct Timer(TimerKind Kind, Transfer? Flow, int Version, int Link);
}
