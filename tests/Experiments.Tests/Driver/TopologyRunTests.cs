using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Runs of a tiny plan on every topology of issue 18: the learning is the star's (losses, decisions, bytes),
/// only time and carried bytes change; summary.json records the topology. Category "Topology": the end-to-end runs over
/// NetSim's HierarchicalRound, ShardedRound and CollectiveRound.</summary>
[NonParallelizable]
[Category("Topology")]
public sealed class TopologyRunTests
{
    private static readonly Link AggregatorLink = new(Bandwidth.FromMegabitsPerSecond(400), NetSim.Kernel.SimTime.FromMicroseconds(100), DataSize.Zero);

    private static IEnumerable<TestCaseData> Topologies()
    {
        yield return new TestCaseData(Hierarchical(merge: true), new[] { "SGD", "Top-k", "SASG", "LAG-WK" }).SetName("Hierarchical merged");
        yield return new TestCaseData(Hierarchical(merge: false), new[] { "SGD", "Top-k", "SASG" }).SetName("Hierarchical each");
        yield return new TestCaseData(
            new TopologyPlan(TopologyKind.Sharded) { ServerIngress = [Bandwidth.FromMegabitsPerSecond(100), Bandwidth.FromMegabitsPerSecond(100), Bandwidth.FromMegabitsPerSecond(100)] },
            new[] { "SGD", "Top-k", "SASG" }).SetName("Sharded");
        yield return new TestCaseData(new TopologyPlan(TopologyKind.Ring), new[] { "SGD", "Top-k" }).SetName("Ring");
        yield return new TestCaseData(new TopologyPlan(TopologyKind.Tree), new[] { "SGD", "Top-k" }).SetName("Tree");
    }

    private static TopologyPlan Hierarchical(bool merge) => new(TopologyKind.Hierarchical)
    {
        Layout = new HierarchicalLayout([0, 0, 1, 1], [AggregatorLink, AggregatorLink], [AggregatorLink, AggregatorLink], [Bandwidth.FromMegabitsPerSecond(400), Bandwidth.FromMegabitsPerSecond(400)], merge),
    };

    [TestCaseSource(nameof(Topologies))]
    public void Run_LearnsAsTheStar_AndChangesOnlyTimeAndCarriedBytes(TopologyPlan topology, string[] methods)
    {
        var star = TinyPlans.Stochastic(methods);
        var plan = star with { RoundTopology = topology };

        var expected = ExperimentDriver.Run(star);
        var actual = ExperimentDriver.Run(plan);

        for (var i = 0; i < methods.Length; i++)
        {
            var (s, t) = (expected[i], actual[i]);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(t.Metrics.Select(m => m.TrainLoss), Is.EqualTo(s.Metrics.Select(m => m.TrainLoss)), $"{t.Label}: the learning is the star's");
                Assert.That(t.Decisions.Select(d => (d.Iteration, d.Worker, d.Decision, d.Bytes)), Is.EqualTo(s.Decisions.Select(d => (d.Iteration, d.Worker, d.Decision, d.Bytes))), t.Label);
                Assert.That(t.UploadBytes, Is.EqualTo(s.UploadBytes), t.Label);
                Assert.That(t.CarriedBytes, Is.GreaterThan(0), t.Label);
                Assert.That(t.SimulatedSeconds, Is.GreaterThan(0), t.Label);
                Assert.That(s.CarriedBytes, Is.EqualTo(s.UploadBytes), $"{s.Label}: the star carries its uploads");
            }
        }
    }

    [Test]
    public void Hierarchical_ForwardingEachUpload_CarriesEveryUploadTwice()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG") with { RoundTopology = Hierarchical(merge: false) };

        var results = ExperimentDriver.Run(plan);

        Assert.That(results.Select(r => r.CarriedBytes), Is.EqualTo(results.Select(r => 2 * r.UploadBytes)), "worker to aggregator, aggregator to server");
    }

    [Test]
    public void Summary_RecordsTheTopologyAndTheCarriedBytes()
    {
        var plan = TinyPlans.Stochastic("SGD") with { RoundTopology = Hierarchical(merge: true) };
        using var folder = new TemporaryDirectory();

        var results = ExperimentDriver.Run(plan);
        ResultsFolder.Write(folder.Path, plan, results);

        var summary = JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, "summary.json")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary["topology"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"kind":"hierarchical","groups":[2,2],"forward":"merged"}"""));
            Assert.That(summary["algorithms"]![0]!["carriedBytes"]!.Value<long>(), Is.EqualTo(results[0].CarriedBytes));
        }
    }
}
