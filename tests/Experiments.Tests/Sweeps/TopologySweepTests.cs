using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

/// <summary>Sweeps over network.topology (issue 18): methods a cell's topology does not run are not-applicable rows,
/// and a non-star cell is trained, never replayed.</summary>
[NonParallelizable]
public sealed class TopologySweepTests
{
    // The tiny sweep's scenario over two uplinks with GD on every topology and LAG-WK on the star and hierarchy only.
    private static JObject Json(string kinds)
    {
        var json = TinySweep.Json(iterations: 20);
        json["algorithms"] = JArray.Parse("""[{ "name": "GD" }, { "name": "LAG-WK", "topologies": ["star", "hierarchical"] }]""");
        json["network"]!["topology"] = JObject.Parse("""{ "kind": "star", "groups": 2, "servers": 2 }""");
        json["sweep"] = JObject.Parse($$"""{ "network.topology.kind": {{kinds}}, "network.uplink": ["10Mbps", "1Gbps"] }""");
        return json;
    }

    [Test]
    public void Expand_NonStarCells_AreLearningGroupsOfTheirOwn_StarCellsShareOne()
    {
        var cells = TinySweep.Scenario(Json("""["star", "ring", "hierarchical"]""")).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells[1].Cell!.LearningSourceIndex, Is.EqualTo(0), "star at 1Gbps replays star at 10Mbps");
            Assert.That(cells.Skip(2).Select(c => c.Cell!.LearningSourceIndex), Is.EqualTo(new[] { 2, 3, 4, 5 }), "every non-star cell trains");
            Assert.That(ScenarioTimeDependence.Of(cells[2]), Is.Not.Null);
        }
    }

    [Test]
    public void Rows_OfAMethodTheCellsTopologyDoesNotRun_AreNotApplicable()
    {
        // A base topology of hierarchical with LAG-WK listed on star only: every cell is star, LAG-WK's rows are
        // real; a method listed on "ring" only gets not-applicable rows on the star.
        var json = Json("""["star"]""");
        json["algorithms"] = JArray.Parse("""[{ "name": "GD" }, { "name": "SGD", "label": "SGD-ring", "topologies": ["ring"] }]""");
        using var folder = new TemporaryDirectory();

        var outcome = SweepRunner.Run(TinySweep.Scenario(json), folder.Path, new SweepOptions { Parallelism = 1 });

        var lines = File.ReadAllLines(outcome.CsvPath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.EqualTo(1 + (2 * 2)));
            Assert.That(lines[1], Does.Contain(",GD,"));
            Assert.That(lines[2], Does.EndWith(",star,10Mbps,SGD-ring,,,,,,,,,not-applicable,,,,"));
            Assert.That(lines[4], Does.EndWith(",star,1Gbps,SGD-ring,,,,,,,,,not-applicable,,,,"));
            Assert.That(outcome.TrainingRuns, Is.EqualTo(1));
        }
    }

    // Runs NetSim's HierarchicalRound and CollectiveRound end to end (issue 18).
    [Test]
    [Category("Topology")]
    public void Run_OverTheKind_TrainsTheNonStarCells_AndMarksMethodsThatDoNotRunThere()
    {
        using var folder = new TemporaryDirectory();

        var outcome = SweepRunner.Run(TinySweep.Scenario(Json("""["star", "hierarchical", "ring"]""")), folder.Path, new SweepOptions { Parallelism = 2 });

        var lines = File.ReadAllLines(outcome.CsvPath);
        var ring = lines.Where(l => l.Contains(",ring,", StringComparison.Ordinal)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.TrainingRuns, Is.EqualTo(5), "one star group, two hierarchical and two ring cells");
            Assert.That(lines, Has.Length.EqualTo(1 + (6 * 2)));
            Assert.That(ring.Where(l => l.Contains(",LAG-WK,", StringComparison.Ordinal)), Has.All.Contains(",not-applicable,"));
            Assert.That(ring.Where(l => l.Contains(",GD,", StringComparison.Ordinal)), Has.None.Contains(",not-applicable,"));
        }
    }
}
