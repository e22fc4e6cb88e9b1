namespace Sasg.NetSim.Network;

/// <summary>
/// Max-min fair sharing of the server's ingress as an exact fluid model in integer nanoseconds: one synchronous round's
/// uploads through a <see cref="FairShareLink"/> with the round's flows prepared, O(M log M) per round; a round of at
/// most <see cref="DirectLimit"/> uploads water-fills all its flows at every event instead (O(M²), cheaper for so few).
/// </summary>
/// <remarks>
/// Rates are recomputed whenever a flow starts or ends (water-filling: flows whose uplink cap is below the equal
/// share keep their cap, the rest split what remains). Shares are rounded down to whole bit/s (at most k - 1 bit/s
/// of ingress left idle among k flows, never less than 1 bit/s each); remaining data is held exactly in bit·ns/s;
/// a flow's completion is rounded up to the next whole nanosecond. Flows are given sorted by (arrival, worker).
/// </remarks>
internal sealed class FairShareIngress
{
    /// <summary>The largest round water-filled directly (measured: the link is faster from about 40 uploads on).</summary>
    public const int DirectLimit = 32;

    private readonly FairShareLink _link = new(capacity: 0);
    private readonly int _directLimit;
    private long[] _caps = [];
    private Int128[] _remaining = [];
    private long[] _rates = [];
    private int[] _active = [];

    /// <summary>An ingress that water-fills rounds of at most <paramref name="directLimit"/> uploads directly.</summary>
    public FairShareIngress(int directLimit = DirectLimit)
    {
        _directLimit = directLimit;
    }

    /// <summary>Fills receive ends (indexed by worker) and, when given, calls <paramref name="onLevel"/> with (time, total rate).</summary>
    public void Run(ReadOnlySpan<IngressUpload> flows, long capacity, long[] receiveEnd, Action<long, long>? onLevel)
    {
        var n = flows.Length;
        if (n <= _directLimit)
        {
            RunDirect(flows, capacity, receiveEnd, onLevel);
            return;
        }

        var link = _link;
        var next = 0;
        var now = n > 0 ? flows[0].Arrival : 0;
        if (_caps.Length < n)
        {
            _caps = new long[n];
        }

        for (var i = 0; i < n; i++)
        {
            _caps[i] = flows[i].Cap;
        }

        link.Reset(capacity, now, _caps.AsSpan(0, n));
        while (next < n || link.ActiveCount > 0)
        {
            if (link.ActiveCount == 0 && flows[next].Arrival > now)
            {
                now = flows[next].Arrival;
                link.AdvanceTo(now);
            }

            while (next < n && flows[next].Arrival <= now)
            {
                if (flows[next].Bits == 0)
                {
                    receiveEnd[flows[next].Worker] = now;
                }
                else
                {
                    link.Add(next, flows[next].Bits, flows[next].Cap);
                }

                next++;
            }

            if (link.ActiveCount == 0)
            {
                continue;
            }

            onLevel?.Invoke(now, link.TotalRate);
            var until = Math.Min(next < n ? flows[next].Arrival : long.MaxValue, link.NextCompletion());
            link.AdvanceTo(until);
            var completed = link.Completed;
            for (var i = 0; i < completed.Count; i++)
            {
                receiveEnd[flows[completed[i]].Worker] = until;
            }

            now = until;
            if (link.ActiveCount == 0)
            {
                onLevel?.Invoke(now, 0);
            }
        }
    }

    // The same rule with the active flows in an array kept in (cap, index) order, rates recomputed at every event.
    private void RunDirect(ReadOnlySpan<IngressUpload> flows, long capacity, long[] receiveEnd, Action<long, long>? onLevel)
    {
        var n = flows.Length;
        if (_remaining.Length < n)
        {
            _remaining = new Int128[n];
            _rates = new long[n];
            _active = new int[n];
        }

        var count = 0;
        var next = 0;
        var now = n > 0 ? flows[0].Arrival : 0;
        while (next < n || count > 0)
        {
            if (count == 0 && flows[next].Arrival > now)
            {
                now = flows[next].Arrival;
            }

            for (; next < n && flows[next].Arrival <= now; next++)
            {
                if (flows[next].Bits == 0)
                {
                    receiveEnd[flows[next].Worker] = now;
                    continue;
                }

                _remaining[next] = (Int128)flows[next].Bits * 1_000_000_000;
                var position = count++;
                for (; position > 0 && flows[_active[position - 1]].Cap > flows[next].Cap; position--)
                {
                    _active[position] = _active[position - 1];
                }

                _active[position] = next;
            }

            if (count == 0)
            {
                continue;
            }

            var left = capacity;
            var total = 0L;
            var until = next < n ? flows[next].Arrival : long.MaxValue;
            for (var k = 0; k < count; k++)
            {
                var f = _active[k];
                var rate = Math.Min(flows[f].Cap, Math.Max(1, left / (count - k)));
                _rates[f] = rate;
                left = Math.Max(0, left - rate);
                total += rate;
                until = Math.Min(until, now + FairShareTreap.CeilingDivide(_remaining[f], rate));
            }

            onLevel?.Invoke(now, total);
            var elapsed = until - now;
            var kept = 0;
            for (var k = 0; k < count; k++)
            {
                var f = _active[k];
                _remaining[f] -= (Int128)_rates[f] * elapsed;
                if (_remaining[f] <= 0)
                {
                    receiveEnd[flows[f].Worker] = until;
                }
                else
                {
                    _active[kept++] = f;
                }
            }

            count = kept;
            now = until;
            if (count == 0)
            {
                onLevel?.Invoke(now, 0);
            }
        }
    }
}
