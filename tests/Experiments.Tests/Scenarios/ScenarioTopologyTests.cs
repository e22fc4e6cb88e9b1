using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioTopologyTests
{
    // Three workers; algorithms as given (GD alone by default).
    private static JObject With(string topology, string algorithms = """[{ "name": "GD" }]""", Action<JObject>? edit = null)
    {
        var json = ScenarioText.Minimal();
        json["algorithms"] = JArray.Parse(algorithms);
        json["network"] = new JObject { ["topology"] = JObject.Parse(topology) };
        edit?.Invoke(json);
        return json;
    }

    [Test]
    public void Parse_NoTopology_IsTheStar_AndTheResolvedScenarioWritesNone()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Minimal());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.Topology, Is.SameAs(ScenarioTopology.Star));
            Assert.That(JObject.Parse(scenario.ToResolvedJson())["network"]!["topology"], Is.Null);
            Assert.That(JObject.Parse(scenario.ToResolvedJson())["algorithms"]![0]!["topologies"], Is.Null);
        }
    }

    [Test]
    public void Parse_Hierarchical_WithANumberOfGroups_SplitsEquallyLargerFirst_AndDefaultsToTheNetwork()
    {
        var scenario = ScenarioText.Parse(With(
            """{ "kind": "hierarchical", "groups": 2 }""",
            edit: json => json["network"]!["uplink"] = "100Mbps"));
        var t = scenario.Network.Topology;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.Kind, Is.EqualTo(TopologyKind.Hierarchical));
            Assert.That(t.GroupSizes, Is.EqualTo(new[] { 2, 1 }));
            Assert.That(t.Assignment, Is.EqualTo(GroupAssignment.Contiguous));
            Assert.That(t.Forward, Is.EqualTo(ForwardMode.Merged));
            Assert.That(t.AggregatorUplink, Is.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
            Assert.That(t.AggregatorDownlink, Is.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
            Assert.That(t.AggregatorLatency, Is.EqualTo(SimTime.FromMicroseconds(50)));
            Assert.That(t.AggregatorIngress, Is.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
        }
    }

    [Test]
    public void EqualGroups_DifferByAtMostOne_LargerFirst()
    {
        Assert.That(ScenarioTopology.EqualGroups(10, 4), Is.EqualTo(new[] { 3, 3, 2, 2 }));
    }

    [TestCase("""{ "kind": "hierarchical", "groups": [2, 1], "assignment": "seeded", "forward": "each", "aggregatorUplink": "10Gbps", "aggregatorDownlink": "1Gbps", "aggregatorLatency": "1ms", "aggregatorIngress": "40Gbps" }""")]
    [TestCase("""{ "kind": "hierarchical", "groups": 3 }""")]
    [TestCase("""{ "kind": "sharded", "servers": 2, "serverIngress": "10Gbps" }""")]
    [TestCase("""{ "kind": "sharded", "servers": 1 }""")]
    [TestCase("""{ "kind": "ring" }""")]
    [TestCase("""{ "kind": "tree" }""")]
    [TestCase("""{ "kind": "star" }""")]
    public void Parse_AValidTopology_RoundTripsThroughTheResolvedScenario(string topology)
    {
        var scenario = ScenarioText.Parse(With(topology));

        var again = ScenarioLoader.Parse(scenario.ToResolvedJson(), "resolved.json", null);

        Assert.That(again.Network.Topology, Is.EqualTo(scenario.Network.Topology));
        Assert.That(again.ToResolvedJson(), Is.EqualTo(scenario.ToResolvedJson()));
    }

    [Test]
    public void Resolved_Hierarchical_WritesItsResolvedFieldsOnly()
    {
        var scenario = ScenarioText.Parse(With("""{ "kind": "hierarchical", "groups": 2, "servers": 7 }"""));

        var written = (JObject)JObject.Parse(scenario.ToResolvedJson())["network"]!["topology"]!;

        Assert.That(written.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """{"kind":"hierarchical","groups":[2,1],"assignment":"contiguous","forward":"merged","aggregatorUplink":"1Gbps","aggregatorDownlink":"1Gbps","aggregatorLatency":"50us","aggregatorIngress":"1Gbps"}"""));
    }

    [Test]
    public void Parse_FieldsOfAnotherKind_AreAcceptedAndIgnored()
    {
        var scenario = ScenarioText.Parse(With("""{ "kind": "ring", "groups": 2, "servers": 4, "forward": "each" }"""));

        Assert.That(scenario.Network.Topology, Is.EqualTo(new ScenarioTopology(TopologyKind.Ring)));
    }

    [TestCase("""{ "kind": "mesh" }""", "s.json: $.network.topology.kind: unknown value 'mesh'; write one of \"star\", \"hierarchical\", \"sharded\", \"ring\", \"tree\"")]
    [TestCase("""{ "groups": 2 }""", "s.json: $.network.topology.kind: missing required field; add \"kind\": \"star\"")]
    [TestCase("""{ "kind": "hierarchical" }""", "s.json: $.network.topology.groups: missing required field; add \"groups\": 10 (ten equal groups) or [4, 3, 3] (the size of each group)")]
    [TestCase("""{ "kind": "hierarchical", "groups": [2, 2] }""", "s.json: $.network.topology.groups: the group sizes sum to 4, but the scenario has 3 workers (data.workers); write sizes that sum to 3, or a number of equal groups such as 2")]
    [TestCase("""{ "kind": "hierarchical", "groups": [3, 0] }""", "s.json: $.network.topology.groups[1]: 0 is out of range; write a group size of at least 1 (every aggregator needs a worker), for example 3")]
    [TestCase("""{ "kind": "hierarchical", "groups": [] }""", "s.json: $.network.topology.groups: no groups given; write a number of groups, for example 2, or the size of each, for example [4, 3, 3]")]
    [TestCase("""{ "kind": "hierarchical", "groups": 4 }""", "s.json: $.network.topology.groups: 4 is out of range; write a number of groups in 1..3 (each group needs a worker), for example 2")]
    [TestCase("""{ "kind": "hierarchical", "groups": 2, "forward": "some" }""", "s.json: $.network.topology.forward: unknown value 'some'; write one of \"merged\", \"each\"")]
    [TestCase("""{ "kind": "hierarchical", "groups": 2, "aggregatorUplink": "fast" }""", "s.json: $.network.topology.aggregatorUplink: bandwidth 'fast' does not start with a number; write a number followed by one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s, for example \"100Mbps\"")]
    [TestCase("""{ "kind": "sharded", "servers": 0 }""", "s.json: $.network.topology.servers: 0 is out of range; write a whole number of servers of at least 1, for example 4")]
    [TestCase("""{ "kind": "sharded" }""", "s.json: $.network.topology.servers: missing required field; add \"servers\": 4")]
    [TestCase("""{ "kind": "ring", "server": 2 }""", "s.json: $.network.topology.server: unknown field 'server'; did you mean 'servers'?")]
    public void Parse_AMalformedTopology_IsOneProblemNamingTheField(string topology, string expected)
    {
        Assert.That(ScenarioText.Problems(With(topology)), Is.EqualTo(new[] { expected }));
    }

    [TestCase("ring", "LAG-WK")]
    [TestCase("tree", "SASG")]
    [TestCase("ring", "LASG-WK2")]
    [TestCase("tree", "Cyc-IAG")]
    [TestCase("ring", "LAQ")]
    public void Parse_ACollectiveWithAMethodThatSkips_IsRefusedAtTheMethod(string kind, string method)
    {
        var problems = ScenarioText.Problems(With($$"""{ "kind": "{{kind}}" }""", $$"""[{ "name": "GD" }, { "name": "{{method}}" }]"""));

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"s.json: $.algorithms[1].name: {method} skips uploads and topology kind \"{kind}\" has no server: LAG-style skipping has no meaning without a server; use star, hierarchical or sharded, or list the topologies it runs on in \"topologies\"",
        }));
    }

    [TestCase("QSGD", "QSGD")]
    [TestCase("Sign-SGD", "Sign-SGD")]
    public void Parse_ACollectiveWithAQuantizedMethod_IsRefused(string method, string by)
    {
        var problems = ScenarioText.Problems(With("""{ "kind": "ring" }""", $$"""[{ "name": "{{method}}" }]"""));

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"s.json: $.algorithms[0].name: {method} sends quantized payloads ({by}), which topology kind \"ring\" can neither sum (all-reduce of dense messages) nor gather (top-k and other sparse messages); use a dense or sparse method (GD, SGD, Top-k, Random-k) on \"ring\", or another topology",
        }));
    }

    [Test]
    public void Parse_ACollectiveUnderAQuantizingEncoding_IsRefused()
    {
        var problems = ScenarioText.Problems(With("""{ "kind": "tree" }""", edit: json => json["network"]!["encoding"] = "sign"));

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.algorithms[0].name: GD sends quantized payloads (network.encoding \"sign\")"));
    }

    [TestCase("""[{ "name": "GD" }, { "name": "SGD" }, { "name": "Top-k" }, { "name": "Random-k" }]""")]
    public void Parse_ACollectiveWithDenseAndSparseMethods_IsAccepted(string algorithms)
    {
        Assert.That(ScenarioText.Problems(With("""{ "kind": "ring" }""", algorithms)), Is.Empty);
    }

    [Test]
    public void Parse_MergedForwardWithQuantizedPayloads_IsRefused_EachIsAccepted()
    {
        var merged = ScenarioText.Problems(With("""{ "kind": "hierarchical", "groups": 2 }""", """[{ "name": "QSGD" }]"""));
        var each = ScenarioText.Problems(With("""{ "kind": "hierarchical", "groups": 2, "forward": "each" }""", """[{ "name": "QSGD" }, { "name": "LAQ" }]"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(merged, Is.EqualTo(new[]
            {
                "s.json: $.algorithms[0].name: QSGD sends quantized payloads (QSGD), whose sum an aggregator cannot send in the same encoding (\"forward\": \"merged\", the default); write \"forward\": \"each\" in network.topology",
            }));
            Assert.That(each, Is.Empty);
        }
    }

    [Test]
    public void Parse_SkippingAndQuantizedMethodsOnAHierarchyOrShards_AreAccepted()
    {
        Assert.That(ScenarioText.Problems(With("""{ "kind": "hierarchical", "groups": 2 }""", """[{ "name": "LAG-WK" }, { "name": "SASG" }, { "name": "Top-k" }]""")), Is.Empty);
        Assert.That(ScenarioText.Problems(With("""{ "kind": "sharded", "servers": 2 }""", """[{ "name": "LAG-WK" }, { "name": "SASG" }, { "name": "QSGD" }]""")), Is.Empty);
    }

    [TestCase("hierarchical")]
    [TestCase("sharded")]
    public void Parse_ServerRequestsOffTheStar_AreRefused(string kind)
    {
        var problems = ScenarioText.Problems(With($$"""{ "kind": "{{kind}}", "groups": 3, "servers": 2 }""", """[{ "name": "LAG-PS" }]"""));

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"s.json: $.algorithms[0].name: LAG-PS's server requests uploads from chosen workers, which topology kind \"{kind}\" does not model; use a method whose workers decide (LAG-WK, LASG-WK2, SASG, ...) or the star topology",
        }));
    }

    [Test]
    public void Parse_NonStarWithATimeDrivenProtocol_IsRefusedAtTheProtocol()
    {
        var problems = ScenarioText.Problems(With(
            """{ "kind": "ring" }""", edit: json => json["protocol"] = JObject.Parse("""{ "kind": "asynchronous" }""")));

        Assert.That(problems, Is.EqualTo(new[]
        {
            "s.json: $.protocol.kind: topology kind \"ring\" runs synchronous rounds only; protocol kind \"asynchronous\" is modelled on the star; remove \"protocol\" (or write \"kind\": \"synchronous\"), or use \"topology\": { \"kind\": \"star\" }",
        }));
    }

    [Test]
    public void Parse_NonStarWithParticipation_IsRefused()
    {
        var problems = ScenarioText.Problems(With(
            """{ "kind": "sharded", "servers": 2 }""", edit: json => json["participation"] = JObject.Parse("""{ "workers": 2 }""")));

        Assert.That(problems, Is.EqualTo(new[]
        {
            "s.json: $.participation: partial participation is modelled on the star only, not on topology kind \"sharded\"; remove \"participation\", or use the star topology",
        }));
    }

    [Test]
    public void Parse_NonStarWithABinomialTreeBroadcast_IsRefused()
    {
        var problems = ScenarioText.Problems(With(
            """{ "kind": "hierarchical", "groups": 3 }""", edit: json => json["network"]!["broadcast"] = "binomial-tree"));

        Assert.That(problems, Is.EqualTo(new[]
        {
            "s.json: $.network.broadcast: a binomial-tree broadcast relays the model through the workers of a star; topology kind \"hierarchical\" does not model it; write \"parallel\" or \"sequential\"",
        }));
    }

    [TestCase("hierarchical", "\"groups\": 3")]
    [TestCase("sharded", "\"servers\": 2")]
    public void Parse_ServerTopologyWithThePullPolicy_IsRefused(string kind, string field)
    {
        var problems = ScenarioText.Problems(With(
            $$"""{ "kind": "{{kind}}", {{field}} }""", edit: json => json["network"]!["ingress"] = "sequential-pull"));

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"s.json: $.network.ingress: the pull policy's server asks the workers of a star one at a time; topology kind \"{kind}\" does not model it; write \"sequential-push\", \"fair-share\" or \"unlimited\"",
        }));
    }

    [Test]
    public void Parse_RingWithThePullPolicy_IsAccepted()
    {
        Assert.That(ScenarioText.Problems(With("""{ "kind": "ring" }""", edit: json => json["network"]!["ingress"] = "sequential-pull")), Is.Empty);
    }

    [Test]
    public void Parse_NonStarWithLinkTraces_IsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("sasg-topology-");
        try
        {
            var trace = Path.Combine(folder.FullName, "up.csv");
            File.WriteAllText(trace, "time_s,bits_per_second\n0,1000000\n");
            var json = With("""{ "kind": "tree" }""", edit: j => j["network"]!["linkTraces"] = new JObject { ["uplink"] = new JArray(trace) });

            var problems = ScenarioText.Problems(json);

            Assert.That(problems, Is.EqualTo(new[]
            {
                "s.json: $.network.linkTraces: link traces are followed on the star only, not on topology kind \"tree\"; remove \"linkTraces\", or use the star topology",
            }));
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Test]
    public void Topologies_LeaveOutTheMethodsThatDoNotRunThere_FromTheChecks()
    {
        var json = With("""{ "kind": "ring" }""", """[{ "name": "SGD" }, { "name": "SASG", "topologies": ["star", "hierarchical"] }]""");

        var scenario = ScenarioText.Parse(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Algorithms[1].Topologies, Is.EqualTo(new[] { TopologyKind.Star, TopologyKind.Hierarchical }));
            Assert.That(scenario.Algorithms[1].RunsOn(TopologyKind.Ring), Is.False);
            Assert.That(scenario.Algorithms[0].RunsOn(TopologyKind.Ring), Is.True);
            Assert.That(JObject.Parse(scenario.ToResolvedJson())["algorithms"]![1]!["topologies"]!.ToObject<string[]>(), Is.EqualTo(new[] { "star", "hierarchical" }));
        }
    }

    [TestCase("""[]""", "s.json: $.algorithms[0].topologies: no topology kinds given; list at least one of \"star\", \"hierarchical\", \"sharded\", \"ring\", \"tree\", or remove \"topologies\"")]
    [TestCase("""["star", "star"]""", "s.json: $.algorithms[0].topologies[1]: topology kind \"star\" is listed twice; list each kind once")]
    [TestCase("""["bus"]""", "s.json: $.algorithms[0].topologies[0]: unknown value 'bus'; write one of \"star\", \"hierarchical\", \"sharded\", \"ring\", \"tree\"")]
    public void Topologies_Malformed_IsOneProblem(string topologies, string expected)
    {
        var json = ScenarioText.Minimal();
        json["algorithms"] = JArray.Parse($$"""[{ "name": "GD", "topologies": {{topologies}} }]""");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Topologies_WhenNoMethodRunsOnTheKind_IsOneProblem()
    {
        var json = With("""{ "kind": "ring" }""", """[{ "name": "SASG", "topologies": ["star"] }]""");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[]
        {
            "s.json: $.network.topology.kind: no algorithm runs on topology kind \"ring\" (each lists other \"topologies\"); add the kind to an algorithm's \"topologies\", or choose a kind they list",
        }));
    }

    [Test]
    public void Sweep_OverTheKind_ChecksEachValueWithTheMethodsThatRunThere()
    {
        var json = ScenarioText.Minimal();
        json["algorithms"] = JArray.Parse("""[{ "name": "SGD" }, { "name": "SASG", "topologies": ["star", "hierarchical"] }]""");
        json["network"] = JObject.Parse("""{ "topology": { "kind": "star", "groups": 2, "servers": 2 } }""");
        json["sweep"] = JObject.Parse("""{ "network.topology.kind": ["star", "hierarchical", "sharded", "ring", "tree"], "network.topology.forward": ["merged", "each"] }""");

        var cells = ScenarioText.Parse(json).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells, Has.Count.EqualTo(10));
            Assert.That(cells.Select(c => c.Network.Topology.Kind).Distinct(), Is.EqualTo(new[]
            {
                TopologyKind.Star, TopologyKind.Hierarchical, TopologyKind.Sharded, TopologyKind.Ring, TopologyKind.Tree,
            }));
            Assert.That(cells[3].Network.Topology.Forward, Is.EqualTo(ForwardMode.Each));
            Assert.That(cells[6].Algorithms.Count(a => a.RunsOn(cells[6].Network.Topology.Kind)), Is.EqualTo(1));
        }
    }

    [Test]
    public void Sweep_OverTheGroupsAndServers_IsAccepted()
    {
        var json = With("""{ "kind": "hierarchical", "groups": 1, "servers": 1 }""");
        json["sweep"] = JObject.Parse("""{ "network.topology.groups": [1, 3], "network.topology.servers": [1, 2] }""");

        var cells = ScenarioText.Parse(json).Expand().ToList();

        Assert.That(cells.Select(c => c.Network.Topology.GroupSizes.Count), Is.EqualTo(new[] { 1, 1, 3, 3 }));
    }

    [Test]
    public void Sweep_ASkippingMethodOnARing_IsReportedAtTheValue()
    {
        var json = With("""{ "kind": "star" }""", """[{ "name": "LAG-WK" }]""");
        json["sweep"] = JObject.Parse("""{ "network.topology.kind": ["star", "ring"] }""");

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.sweep['network.topology.kind'][1]: value the string \"ring\" is invalid: $.algorithms[0].name: LAG-WK skips uploads"));
    }
}
