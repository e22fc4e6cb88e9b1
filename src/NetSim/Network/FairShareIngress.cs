namespace Sasg.NetSim.Network;

/// <summary>
/// Max-min fair sharing of the server's ingress as an exact fluid model in integer nanoseconds: one synchronous round's
/// uploads through a <see cref="FairShareLink"/>, O(M log M) per round.
/// </summary>
/// <remarks>
/// Rates are recomputed whenever a flow starts or ends (water-filling: flows whose uplink cap is below the equal
/// share keep their cap, the rest split what remains). Shares are rounded down to whole bit/s (at most k - 1 bit/s
/// of ingress left idle among k flows, never less than 1 bit/s each); remaining data is held exactly in bit·ns/s;
/// a flow's completion is rounded up to the next whole nanosecond. Flows are given sorted by (arrival, worker).
/// </remarks>
internal sealed class FairShareIngress
{
    private readonly FairShareLink _link = new(capacity: 0);
    private long[] _caps = [];

    /// <summary>Fills receive ends (indexed by worker) and, when given, calls <paramref name="onLevel"/> with (time, total rate).</summary>
    public void Run(ReadOnlySpan<IngressUpload> flows, long capacity, long[] receiveEnd, Action<long, long>? onLevel)
    {
        var n = flows.Length;
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
}
