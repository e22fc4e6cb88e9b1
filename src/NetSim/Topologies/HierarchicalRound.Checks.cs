using Sasg.NetSim.Network;

namespace Sasg.NetSim.Topologies;

// What a hierarchy (and the sharded round) refuses: server options it does not model, and a malformed layout.
public sealed partial class HierarchicalRound
{
    internal static void CheckServerSide(ParameterServerOptions options, string topology)
    {
        if (options.Broadcast == BroadcastMode.BinomialTree)
        {
            throw new ArgumentException(
                $"A {topology} round does not broadcast by binomial tree; use parallel or sequential.", nameof(options));
        }

        if (options.Ingress == IngressPolicy.SequentialPull)
        {
            throw new ArgumentException(
                $"A {topology} round does not pull uploads; use sequential-push, fair-share or unlimited.", nameof(options));
        }
    }

    private static int CheckLayout(HierarchicalLayout layout, int workers)
    {
        ArgumentNullException.ThrowIfNull(layout.GroupOf, nameof(layout));
        ArgumentNullException.ThrowIfNull(layout.AggregatorUplinks, nameof(layout));
        ArgumentNullException.ThrowIfNull(layout.AggregatorDownlinks, nameof(layout));
        ArgumentNullException.ThrowIfNull(layout.AggregatorIngress, nameof(layout));
        var g = layout.GroupCount;
        if (g == 0)
        {
            throw new ArgumentException("A hierarchy needs at least one aggregator (AggregatorUplinks is empty).", nameof(layout));
        }

        if (layout.GroupOf.Count != workers)
        {
            throw new ArgumentException($"GroupOf has {layout.GroupOf.Count} entries for {workers} workers.", nameof(layout));
        }

        if (layout.AggregatorDownlinks.Count != g || layout.AggregatorIngress.Count != g)
        {
            throw new ArgumentException(
                $"There are {g} aggregator uplinks, {layout.AggregatorDownlinks.Count} downlinks and {layout.AggregatorIngress.Count} ingress rates; give one of each per aggregator.",
                nameof(layout));
        }

        var members = new int[g];
        for (var w = 0; w < workers; w++)
        {
            var a = layout.GroupOf[w];
            if ((uint)a >= (uint)g)
            {
                throw new ArgumentException($"GroupOf[{w}] is {a}; aggregators are 0..{g - 1}.", nameof(layout));
            }

            members[a]++;
        }

        var empty = Array.IndexOf(members, 0);
        if (empty >= 0)
        {
            throw new ArgumentException($"Aggregator {empty} has no worker; every group needs at least one.", nameof(layout));
        }

        for (var a = 0; a < g; a++)
        {
            if (layout.AggregatorIngress[a].BitsPerSecond <= 0)
            {
                throw new ArgumentException($"Aggregator {a}'s ingress must be at least 1 bit/s.", nameof(layout));
            }
        }

        return g;
    }
}
