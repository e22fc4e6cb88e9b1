using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.Experiments.Driver;

// The topology part of a plan (issue 18): the groups and aggregator links of a hierarchy, the servers of a sharded
// model, the kind of a collective.
public static partial class ScenarioPlanner
{
    /// <summary>The round model of <paramref name="scenario"/>'s <c>network.topology</c> for <paramref name="workers"/>
    /// workers and a model of <paramref name="parameters"/> parameters (null when not known: a replay).</summary>
    /// <exception cref="ScenarioException">The groups do not fit the workers, or there are more servers than
    /// parameters.</exception>
    public static TopologyPlan PlanTopology(Scenario scenario, int workers, long? parameters)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var topology = scenario.Network.Topology;
        switch (topology.Kind)
        {
            case TopologyKind.Hierarchical:
                return new TopologyPlan(TopologyKind.Hierarchical) { Layout = Layout(scenario, topology, workers) };
            case TopologyKind.Sharded:
                if (parameters is { } d && topology.Servers > d)
                {
                    throw Problem(
                        scenario,
                        "$.network.topology.servers",
                        $"{topology.Servers} servers for a model of {d} parameters leaves a server without a slice",
                        $"write at most {d} servers");
                }

                return new TopologyPlan(TopologyKind.Sharded) { ServerIngress = Enumerable.Repeat(topology.ServerIngress, topology.Servers).ToArray() };
            case TopologyKind.Star:
                return TopologyPlan.Star;
            default:
                return new TopologyPlan(topology.Kind);
        }
    }

    /// <summary>Which aggregator each worker reports to: groups of the given sizes over the workers in index order
    /// (contiguous), or over a seeded permutation of them (stream "topology/groups" of the scenario's seed).</summary>
    public static int[] GroupOf(IReadOnlyList<int> sizes, GroupAssignment assignment, long seed)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var workers = sizes.Sum();
        var order = Enumerable.Range(0, workers).ToArray();
        if (assignment == GroupAssignment.Seeded)
        {
            // Fisher-Yates from the last position down.
            var random = Learning.Randomness.SeededRandom.Create(unchecked((ulong)seed), "topology/groups");
            for (var i = workers - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var groupOf = new int[workers];
        var next = 0;
        for (var g = 0; g < sizes.Count; g++)
        {
            for (var k = 0; k < sizes[g]; k++)
            {
                groupOf[order[next++]] = g;
            }
        }

        return groupOf;
    }

    private static HierarchicalLayout Layout(Scenario scenario, ScenarioTopology topology, int workers)
    {
        var sizes = topology.GroupSizes;
        if (sizes.Sum() != workers || sizes.Any(s => s < 1))
        {
            // The loader checks the sizes against data.workers; a trace file or a data set can still disagree.
            throw Problem(
                scenario,
                "$.network.topology.groups",
                $"groups of sizes [{string.Join(", ", sizes)}] for {workers} workers",
                $"write sizes of at least 1 that sum to {workers}, or a number of equal groups");
        }

        var framing = scenario.Network.Mtu is { } mtu ? new TcpFraming(mtu) : null;
        var header = scenario.Network.HeaderBytes;
        var up = new Link(topology.AggregatorUplink, topology.AggregatorLatency, header) { Framing = framing };
        var down = new Link(topology.AggregatorDownlink, topology.AggregatorLatency, header) { Framing = framing };
        var g = sizes.Count;
        return new HierarchicalLayout(
            GroupOf(sizes, topology.Assignment, scenario.Seed),
            Enumerable.Repeat(up, g).ToArray(),
            Enumerable.Repeat(down, g).ToArray(),
            Enumerable.Repeat(topology.AggregatorIngress, g).ToArray(),
            topology.Forward == ForwardMode.Merged);
    }
}
