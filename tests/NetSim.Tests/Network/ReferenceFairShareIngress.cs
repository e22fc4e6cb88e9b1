using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

/// <summary>
/// The fair-share ingress as it was before issue 16 (O(M²) per round: every event rescans the active flows), kept
/// verbatim as the reference that <see cref="FairShareIngress"/> must match to the nanosecond.
/// </summary>
/// <remarks>
/// Rates are recomputed whenever a flow starts or ends (water-filling: flows whose uplink cap is below the equal
/// share keep their cap, the rest split what remains). Shares are rounded down to whole bit/s (at most k - 1 bit/s
/// of ingress left idle among k flows, never less than 1 bit/s each); remaining data is held exactly in bit·ns/s;
/// a flow's completion is rounded up to the next whole nanosecond. Flows are given sorted by (arrival, worker).
/// </remarks>
internal sealed class ReferenceFairShareIngress
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private Int128[] _remaining = [];
    private long[] _rate = [];
    private int[] _active = [];

    /// <summary>Fills receive ends (indexed by worker) and, when given, calls <paramref name="onLevel"/> with (time, total rate).</summary>
    public void Run(ReadOnlySpan<IngressUpload> flows, long capacity, long[] receiveEnd, Action<long, long>? onLevel)
    {
        var n = flows.Length;
        if (_remaining.Length < n)
        {
            _remaining = new Int128[n];
            _rate = new long[n];
            _active = new int[n];
        }

        for (var i = 0; i < n; i++)
        {
            _remaining[i] = (Int128)flows[i].Bits * NanosecondsPerSecond;
        }

        var activeCount = 0;
        var next = 0;
        var now = n > 0 ? flows[0].Arrival : 0;
        while (next < n || activeCount > 0)
        {
            if (activeCount == 0 && flows[next].Arrival > now)
            {
                now = flows[next].Arrival;
            }

            while (next < n && flows[next].Arrival <= now)
            {
                if (_remaining[next] == 0)
                {
                    receiveEnd[flows[next].Worker] = now;
                }
                else
                {
                    InsertByCap(flows, next, activeCount++);
                }

                next++;
            }

            if (activeCount == 0)
            {
                continue;
            }

            var total = AssignRates(flows, activeCount, capacity);
            onLevel?.Invoke(now, total);
            var until = next < n ? flows[next].Arrival : long.MaxValue;
            for (var k = 0; k < activeCount; k++)
            {
                var f = _active[k];
                var done = now + (long)((_remaining[f] + _rate[f] - 1) / _rate[f]);
                until = Math.Min(until, done);
            }

            var elapsed = until - now;
            var kept = 0;
            for (var k = 0; k < activeCount; k++)
            {
                var f = _active[k];
                _remaining[f] -= (Int128)_rate[f] * elapsed;
                if (_remaining[f] <= 0)
                {
                    receiveEnd[flows[f].Worker] = until;
                }
                else
                {
                    _active[kept++] = f;
                }
            }

            activeCount = kept;
            now = until;
            if (activeCount == 0)
            {
                onLevel?.Invoke(now, 0);
            }
        }
    }

    // Keeps _active sorted by (cap, flow index), so water-filling is one pass.
    private void InsertByCap(ReadOnlySpan<IngressUpload> flows, int flow, int count)
    {
        var position = count;
        while (position > 0 && flows[_active[position - 1]].Cap > flows[flow].Cap)
        {
            _active[position] = _active[position - 1];
            position--;
        }

        _active[position] = flow;
    }

    private long AssignRates(ReadOnlySpan<IngressUpload> flows, int count, long capacity)
    {
        var left = capacity;
        var total = 0L;
        for (var k = 0; k < count; k++)
        {
            var f = _active[k];
            var share = Math.Max(1, left / (count - k));
            var rate = Math.Min(flows[f].Cap, share);
            _rate[f] = rate;
            left = Math.Max(0, left - rate);
            total += rate;
        }

        return total;
    }
}
