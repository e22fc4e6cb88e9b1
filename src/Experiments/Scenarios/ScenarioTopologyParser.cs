using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads <c>network.topology</c> (issue 18) and checks it against the methods, the protocol and the other
/// inputs that only a star can carry.</summary>
internal static class ScenarioTopologyParser
{
    private static readonly string[] Fields =
    [
        "kind", "groups", "assignment", "forward", "aggregatorUplink", "aggregatorDownlink", "aggregatorLatency",
        "aggregatorIngress", "servers", "serverIngress",
    ];

    /// <summary>The topology, or <see cref="ScenarioTopology.Star"/> when the block is absent or its kind invalid.</summary>
    /// <param name="r">Where problems go.</param>
    /// <param name="network">The network block as written, or null.</param>
    /// <param name="parsed">The network with defaults applied (the aggregators' and servers' defaults come from it).</param>
    /// <param name="workers">M, when known.</param>
    public static ScenarioTopology Parse(ScenarioJsonReader r, JObject? network, ScenarioNetwork parsed, int? workers)
    {
        if (network is null || r.Object(network, "topology", example: "{ \"kind\": \"hierarchical\", \"groups\": 10 }") is not { } topology)
        {
            return ScenarioTopology.Star;
        }

        // Every field of every kind is accepted (and ignored by the other kinds), so a sweep over the kind works.
        r.Fields(topology, Fields);
        var kind = r.Word(topology, "kind", ScenarioWords.TopologyKinds, required: true);
        var groups = ReadGroups(r, topology, workers, kind == TopologyKind.Hierarchical);
        var assignment = r.Word(topology, "assignment", ScenarioWords.GroupAssignments) ?? GroupAssignment.Contiguous;
        var forward = r.Word(topology, "forward", ScenarioWords.ForwardModes) ?? ForwardMode.Merged;
        var aggregatorUplink = r.Bandwidth(topology, "aggregatorUplink") ?? parsed.Uplink;
        var aggregatorDownlink = r.Bandwidth(topology, "aggregatorDownlink") ?? parsed.Downlink;
        var aggregatorLatency = r.Duration(topology, "aggregatorLatency") ?? parsed.Latency;
        var aggregatorIngress = r.Bandwidth(topology, "aggregatorIngress") ?? parsed.ServerIngress;
        var servers = r.Int(topology["servers"], 1, int.MaxValue, "a whole number of servers of at least 1", "4");
        if (kind == TopologyKind.Sharded && topology["servers"] is null)
        {
            r.Missing(topology, "servers", "4");
        }

        var serverIngress = r.Bandwidth(topology, "serverIngress") ?? parsed.ServerIngress;
        return kind switch
        {
            TopologyKind.Hierarchical => new ScenarioTopology(TopologyKind.Hierarchical)
            {
                GroupSizes = groups ?? [],
                Assignment = assignment,
                Forward = forward,
                AggregatorUplink = aggregatorUplink,
                AggregatorDownlink = aggregatorDownlink,
                AggregatorLatency = aggregatorLatency,
                AggregatorIngress = aggregatorIngress,
            },
            TopologyKind.Sharded => new ScenarioTopology(TopologyKind.Sharded) { Servers = servers ?? 1, ServerIngress = serverIngress },
            TopologyKind.Ring or TopologyKind.Tree => new ScenarioTopology(kind.Value),
            _ => ScenarioTopology.Star,
        };
    }

    // groups: a number G (G equal contiguous groups, larger first) or the sizes, summing to M, each at least 1.
    private static int[]? ReadGroups(ScenarioJsonReader r, JObject topology, int? workers, bool required)
    {
        var token = topology["groups"];
        if (token is null)
        {
            if (required)
            {
                r.Missing(topology, "groups", "10 (ten equal groups) or [4, 3, 3] (the size of each group)");
            }

            return null;
        }

        var m = workers?.ToString(CultureInfo.InvariantCulture) ?? "M";
        if (token is JArray array)
        {
            if (array.Count == 0)
            {
                r.Report(ScenarioJsonReader.PathOf(array), "no groups given", "write a number of groups, for example 2, or the size of each, for example [4, 3, 3]");
                return null;
            }

            var sizes = new int[array.Count];
            var valid = true;
            for (var g = 0; g < array.Count; g++)
            {
                var size = r.Int(array[g], 1, int.MaxValue, "a group size of at least 1 (every aggregator needs a worker)", "3");
                valid &= size is not null;
                sizes[g] = size ?? 0;
            }

            if (!valid)
            {
                return null;
            }

            var sum = sizes.Sum(s => (long)s);
            if (workers is { } count && sum != count)
            {
                r.Report(
                    ScenarioJsonReader.PathOf(array),
                    $"the group sizes sum to {sum.ToString(CultureInfo.InvariantCulture)}, but the scenario has {m} workers (data.workers)",
                    $"write sizes that sum to {m}, or a number of equal groups such as {Math.Min(count, 2).ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return sizes;
        }

        var max = workers ?? int.MaxValue;
        var what = workers is null ? "a number of groups of at least 1" : $"a number of groups in 1..{m} (each group needs a worker)";
        return r.Int(token, 1, max, what, "2") is { } groups && workers is { } w ? ScenarioTopology.EqualGroups(w, groups) : null;
    }

    /// <summary>Reports the combinations a topology other than the star cannot run, each at the field that causes it.</summary>
    public static void Check(
        ScenarioJsonReader r,
        ScenarioTopology topology,
        JObject? network,
        ScenarioNetwork parsed,
        IReadOnlyList<ScenarioAlgorithm> algorithms,
        ScenarioProtocol protocol,
        bool participation)
    {
        var kind = ScenarioWords.TopologyKinds.WordOf(topology.Kind);
        if (topology.Kind == TopologyKind.Star)
        {
            return;
        }

        var at = $"topology kind \"{kind}\"";
        if (protocol.Kind != ProtocolKind.Synchronous)
        {
            r.Report(
                "$.protocol.kind",
                $"{at} runs synchronous rounds only; protocol kind \"{ScenarioWords.Protocols.WordOf(protocol.Kind)}\" is modelled on the star",
                "remove \"protocol\" (or write \"kind\": \"synchronous\"), or use \"topology\": { \"kind\": \"star\" }");
        }

        if (participation)
        {
            r.Report("$.participation", $"partial participation is modelled on the star only, not on {at}", "remove \"participation\", or use the star topology");
        }

        if (parsed.LinkTraces is not null && network?["linkTraces"] is { } traces)
        {
            r.Report(ScenarioJsonReader.PathOf(traces), $"link traces are followed on the star only, not on {at}", "remove \"linkTraces\", or use the star topology");
        }

        if (parsed.Broadcast == BroadcastMode.BinomialTree && network?["broadcast"] is { } broadcast)
        {
            r.Report(
                ScenarioJsonReader.PathOf(broadcast),
                $"a binomial-tree broadcast relays the model through the workers of a star; {at} does not model it",
                "write \"parallel\" or \"sequential\"");
        }

        if (!topology.IsCollective && parsed.Ingress == IngressPolicy.SequentialPull && network?["ingress"] is { } ingress)
        {
            r.Report(
                ScenarioJsonReader.PathOf(ingress),
                $"the pull policy's server asks the workers of a star one at a time; {at} does not model it",
                "write \"sequential-push\", \"fair-share\" or \"unlimited\"");
        }

        foreach (var algorithm in algorithms.Where(a => a.RunsOn(topology.Kind)))
        {
            CheckMethod(r, topology, kind, parsed.Encoding, algorithm);
        }
    }

    private static void CheckMethod(ScenarioJsonReader r, ScenarioTopology topology, string kind, string encoding, ScenarioAlgorithm algorithm)
    {
        var where = algorithm.JsonPath + ".name";
        var listed = algorithm.Topologies is null ? "" : " (or take it out of its \"topologies\")";
        var quantized = TopologyMethods.IsQuantized(algorithm.Name, encoding);
        var payload = quantized ? $"quantized payloads ({TopologyMethods.QuantizedBy(algorithm.Name, encoding)})" : "";
        if (topology.IsCollective)
        {
            if (TopologyMethods.Skips(algorithm.Name))
            {
                r.Report(
                    where,
                    $"{algorithm.Name} skips uploads and topology kind \"{kind}\" has no server: LAG-style skipping has no meaning without a server",
                    $"use star, hierarchical or sharded, or list the topologies it runs on in \"topologies\"{listed}");
            }
            else if (quantized)
            {
                r.Report(
                    where,
                    $"{algorithm.Label} sends {payload}, which topology kind \"{kind}\" can neither sum (all-reduce of dense messages) nor gather (top-k and other sparse messages)",
                    $"use a dense or sparse method (GD, SGD, Top-k, Random-k) on \"{kind}\", or another topology{listed}");
            }

            return;
        }

        if (TopologyMethods.SendsRequests(algorithm.Name))
        {
            r.Report(
                where,
                $"{algorithm.Name}'s server requests uploads from chosen workers, which topology kind \"{kind}\" does not model",
                $"use a method whose workers decide (LAG-WK, LASG-WK2, SASG, ...) or the star topology{listed}");
        }

        if (topology.Kind == TopologyKind.Hierarchical && topology.Forward == ForwardMode.Merged && quantized)
        {
            r.Report(
                where,
                $"{algorithm.Label} sends {payload}, whose sum an aggregator cannot send in the same encoding (\"forward\": \"merged\", the default)",
                $"write \"forward\": \"each\" in network.topology{listed}");
        }
    }
}
