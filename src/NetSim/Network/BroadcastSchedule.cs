namespace Sasg.NetSim.Network;

/// <summary>When each worker receives the model, for each <see cref="BroadcastMode"/>.</summary>
internal static class BroadcastSchedule
{
    /// <summary>Fills send starts and arrivals (ns) of the model sent at <paramref name="start"/>; returns the depth in hops.</summary>
    /// <remarks>
    /// Tree: ranks are 0 for the server and w + 1 for worker w; in step s every rank r below 2^s sends to r + 2^s.
    /// A node sends once it has the model and its previous send is serialized. A worker-to-worker hop runs at the
    /// smaller of the sender's uplink and the receiver's downlink and pays both latencies.
    /// </remarks>
    public static int Compute(
        StarTopology topology, BroadcastMode mode, DataSize model, long start, long[] sendStart, long[] arrival)
    {
        var down = topology.DownlinkArray;
        var workers = down.Length;
        switch (mode)
        {
            case BroadcastMode.Parallel:
                for (var w = 0; w < workers; w++)
                {
                    sendStart[w] = start;
                    arrival[w] = start + down[w].DeliveryTime(model).Nanoseconds;
                }

                return 1;
            case BroadcastMode.Sequential:
                var free = start;
                for (var w = 0; w < workers; w++)
                {
                    sendStart[w] = free;
                    free += down[w].TransferTime(model).Nanoseconds;
                    arrival[w] = free + down[w].Latency.Nanoseconds;
                }

                return 1;
            default:
                return Tree(topology, model, start, sendStart, arrival);
        }
    }

    private static int Tree(StarTopology topology, DataSize model, long start, long[] sendStart, long[] arrival)
    {
        var up = topology.UplinkArray;
        var down = topology.DownlinkArray;
        var nodes = down.Length + 1;
        Span<long> free = nodes <= 512 ? stackalloc long[nodes] : new long[nodes];
        free.Fill(start);
        var depth = 0;
        for (var stride = 1; stride < nodes; stride <<= 1)
        {
            depth++;
            for (var sender = 0; sender < stride && sender + stride < nodes; sender++)
            {
                var receiver = sender + stride - 1;
                var has = sender == 0 ? start : arrival[sender - 1];
                var begin = Math.Max(has, free[sender]);
                var link = down[receiver];
                var rate = sender == 0 ? link.Bandwidth : Bandwidth.Min(up[sender - 1].Bandwidth, link.Bandwidth);
                var transfer = (link.WireSize(model) / rate).Nanoseconds;
                var latency = link.Latency.Nanoseconds + (sender == 0 ? 0 : up[sender - 1].Latency.Nanoseconds);
                sendStart[receiver] = begin;
                free[sender] = begin + transfer;
                arrival[receiver] = begin + transfer + latency;
            }
        }

        return depth;
    }
}
