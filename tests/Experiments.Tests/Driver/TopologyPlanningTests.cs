using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Tests.Scenarios;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.Experiments.Tests.Driver;

[TestFixture]
public sealed class TopologyPlanningTests
{
    private static Scenario With(string topology, int workers = 5, Action<JObject>? edit = null)
    {
        var json = ScenarioText.Minimal();
        json["data"]!["workers"] = workers;
        json["algorithms"] = JArray.Parse("""[{ "name": "GD" }]""");
        json["network"] = new JObject { ["topology"] = JObject.Parse(topology), ["uplink"] = "100Mbps", ["mtu"] = null };
        edit?.Invoke(json);
        return ScenarioText.Parse(json);
    }

    [Test]
    public void GroupOf_Contiguous_FillsGroupsInWorkerOrder()
    {
        Assert.That(ScenarioPlanner.GroupOf([2, 2, 1], GroupAssignment.Contiguous, 1), Is.EqualTo(new[] { 0, 0, 1, 1, 2 }));
    }

    [Test]
    public void GroupOf_Seeded_IsAPermutationWithTheGroupSizes_FixedBySeed_AndChangesWithIt()
    {
        var sizes = new[] { 4, 3, 3 };
        var first = ScenarioPlanner.GroupOf(sizes, GroupAssignment.Seeded, 7);
        var again = ScenarioPlanner.GroupOf(sizes, GroupAssignment.Seeded, 7);
        var other = Enumerable.Range(8, 5).Select(seed => ScenarioPlanner.GroupOf(sizes, GroupAssignment.Seeded, seed)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.GroupBy(g => g).OrderBy(g => g.Key).Select(g => g.Count()), Is.EqualTo(sizes));
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other.Any(o => !o.SequenceEqual(first)), Is.True);
            Assert.That(first, Is.Not.EqualTo(ScenarioPlanner.GroupOf(sizes, GroupAssignment.Contiguous, 7)));
        }
    }

    [Test]
    public void PlanTopology_Star_IsTheStar()
    {
        Assert.That(ScenarioPlanner.PlanTopology(ScenarioText.Parse(ScenarioText.Minimal()), 3, 10), Is.SameAs(TopologyPlan.Star));
    }

    [Test]
    public void PlanTopology_Hierarchical_BuildsTheLayoutFromTheScenario()
    {
        var scenario = With("""{ "kind": "hierarchical", "groups": 2, "forward": "each", "aggregatorUplink": "10Gbps", "aggregatorLatency": "1ms", "aggregatorIngress": "40Gbps" }""");

        var plan = ScenarioPlanner.PlanTopology(scenario, 5, 5);
        var layout = plan.Layout!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(layout.GroupOf, Is.EqualTo(new[] { 0, 0, 0, 1, 1 }));
            Assert.That(layout.GroupCount, Is.EqualTo(2));
            Assert.That(layout.Merge, Is.False);
            Assert.That(plan.SizesNeedPayloads, Is.False);
            Assert.That(layout.AggregatorUplinks[1], Is.EqualTo(new Link(Bandwidth.FromGigabitsPerSecond(10), SimTime.FromMilliseconds(1), DataSize.Zero)));
            Assert.That(layout.AggregatorDownlinks[0], Is.EqualTo(new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(1), DataSize.Zero)));
            Assert.That(layout.AggregatorIngress, Is.EqualTo(new[] { Bandwidth.FromGigabitsPerSecond(40), Bandwidth.FromGigabitsPerSecond(40) }));
        }
    }

    [Test]
    public void PlanTopology_Hierarchical_FramesTheAggregatorLinksAsTheWorkers()
    {
        var scenario = With("""{ "kind": "hierarchical", "groups": 1 }""", edit: json => ((JObject)json["network"]!).Remove("mtu"));

        var layout = ScenarioPlanner.PlanTopology(scenario, 5, 5).Layout!;

        Assert.That(layout.AggregatorUplinks[0].Framing, Is.EqualTo(scenario.Network.UplinkOf(0).Framing));
    }

    [Test]
    public void PlanTopology_Sharded_GivesEachServerItsIngress()
    {
        var plan = ScenarioPlanner.PlanTopology(With("""{ "kind": "sharded", "servers": 3, "serverIngress": "10Gbps" }"""), 5, 100);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.ServerIngress, Is.EqualTo(Enumerable.Repeat(Bandwidth.FromGigabitsPerSecond(10), 3)));
            Assert.That(plan.SizesNeedPayloads, Is.True);
        }
    }

    [Test]
    public void PlanTopology_MoreServersThanParameters_IsOneProblem()
    {
        var scenario = With("""{ "kind": "sharded", "servers": 6 }""");

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.PlanTopology(scenario, 5, 5))!;

        Assert.That(problem.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "s.json: $.network.topology.servers: 6 servers for a model of 5 parameters leaves a server without a slice; write at most 5 servers",
        }));
    }

    [Test]
    public void PlanNetwork_ForReplay_RefusesANonStarTopology()
    {
        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.PlanNetwork(With("""{ "kind": "ring" }"""), 5, 40))!;

        Assert.That(problem.Problems.Single().JsonPath, Is.EqualTo("$.network.topology.kind"));
    }

    [Test]
    public void Plan_LeavesOutTheMethodsThatDoNotRunOnTheTopology_AndCarriesTheRoundModel()
    {
        var scenario = With("""{ "kind": "ring" }""", edit: json => json["algorithms"] = JArray.Parse(
            """[{ "name": "GD" }, { "name": "LAG-WK", "topologies": ["star"] }]"""));

        var plan = ScenarioPlanner.Plan(scenario);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Algorithms.Select(a => a.Label), Is.EqualTo(new[] { "GD" }));
            Assert.That(plan.RoundTopology.Kind, Is.EqualTo(TopologyKind.Ring));
        }
    }

    [TestCase(false, CollectiveOperation.AllReduce)]
    [TestCase(true, CollectiveOperation.AllGather)]
    public void Collectives_ReduceDensePayloads_AndGatherSparseOnes(bool sparse, CollectiveOperation operation)
    {
        Assert.That(TopologyPlan.OperationFor(sparse), Is.EqualTo(operation));
    }

    [Test]
    public void TimeDependence_OfANonStarTopology_KeepsItFromReplay()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ScenarioTimeDependence.Of(With("""{ "kind": "star" }""")), Is.Null);
            Assert.That(ScenarioTimeDependence.Of(With("""{ "kind": "hierarchical", "groups": 2, "forward": "each" }"""))?.JsonPath, Is.EqualTo("$.network.topology.kind"));
        }
    }
}
