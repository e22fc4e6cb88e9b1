using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioSweepTests
{
    [Test]
    public void Expand_TwoAxes_YieldsCartesianProductWithLastAxisFastest()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "network.uplink": ["100Mbps", "1Gbps"], "network.ingress": ["sequential-push", "fair-share"] }""");

        var cells = ScenarioText.Parse(json).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                cells.Select(c => c.Cell!.Label),
                Is.EqualTo(new[]
                {
                    "uplink=100Mbps,ingress=sequential-push",
                    "uplink=100Mbps,ingress=fair-share",
                    "uplink=1Gbps,ingress=sequential-push",
                    "uplink=1Gbps,ingress=fair-share",
                }));
            Assert.That(cells.Select(c => c.Cell!.Index), Is.EqualTo(new[] { 0, 1, 2, 3 }));
            Assert.That(cells[1].Network.Uplink, Is.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
            Assert.That(cells[1].Network.Downlink, Is.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
            Assert.That(cells[1].Network.Ingress, Is.EqualTo(IngressPolicy.FairShare));
            Assert.That(cells[2].Network.Ingress, Is.EqualTo(IngressPolicy.SequentialPush));
            Assert.That(cells.Select(c => c.Sweep), Has.All.Null);
        }
    }

    [TestCase(100, null, true)]
    [TestCase(101, null, false)]
    [TestCase(101, true, true)]
    [TestCase(100, false, false)]
    public void Expand_TracesAreOffByDefaultBeyond100Cells_AndAnExplicitSettingWins(int cells, bool? trace, bool traced)
    {
        var json = ScenarioText.Minimal();
        if (trace is { } given)
        {
            json["outputs"] = new JObject { ["trace"] = given };
        }

        json["sweep"] = new JObject { ["network.latency"] = new JArray(Enumerable.Range(1, cells).Select(us => (object)$"{us}us").ToArray()) };

        var expanded = ScenarioText.Parse(json).Expand().ToList();

        Assert.That(expanded.Select(c => c.Outputs.Trace).ToList(), Has.Count.EqualTo(cells).And.All.EqualTo(traced));
    }

    [Test]
    public void Expand_SameScenarioTwice_GivesTheSameDistinctIds()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "network.latency": ["50us", "1ms", "10ms"], "data.workers": [3, 5] }""");

        var first = ScenarioText.Parse(json).Expand().Select(c => c.Cell!.Id).ToList();
        var second = ScenarioText.Parse(json).Expand().Select(c => c.Cell!.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Is.Unique);
            Assert.That(first, Has.All.Matches<string>(id => id.Length == 12 && id.All(char.IsAsciiHexDigitLower)));
        }
    }

    [Test]
    public void Expand_EqualValuesWrittenDifferently_GiveTheSameId()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "network.uplink": ["1Gbps"] }""");
        var other = ScenarioText.Minimal();
        other["sweep"] = JObject.Parse("""{ "network.uplink": ["1000 Mbit/s"] }""");

        var id = ScenarioText.Parse(json).Expand().Single().Cell!.Id;
        var otherId = ScenarioText.Parse(other).Expand().Single().Cell!.Id;

        Assert.That(otherId, Is.EqualTo(id));
    }

    [Test]
    public void Expand_NetworkAndDataAxes_MarksCellsThatDifferOnlyInNetwork()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "data.workers": [3, 5], "network.uplink": ["100Mbps", "1Gbps"] }""");

        var cells = ScenarioText.Parse(json).Expand().Select(c => c.Cell!).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells.Select(c => c.NetworkOnlyVariant), Has.All.True);
            Assert.That(cells.Select(c => c.LearningSourceIndex), Is.EqualTo(new[] { 0, 0, 2, 2 }));
            Assert.That(cells[0].LearningKey, Is.EqualTo(cells[1].LearningKey).And.Not.EqualTo(cells[2].LearningKey));
        }
    }

    [Test]
    public void Expand_LearningAxisOnly_HasNoNetworkOnlyVariants()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "data.base": [1, 1.3] }""");

        var cells = ScenarioText.Parse(json).Expand().Select(c => c.Cell!).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells.Select(c => c.NetworkOnlyVariant), Has.All.False);
            Assert.That(cells.Select(c => c.LearningSourceIndex), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(cells.Select(c => c.Label), Is.EqualTo(new[] { "base=1", "base=1.3" }));
        }
    }

    [Test]
    public void Expand_AlgorithmParameterAxis_SetsTheParameterOfThatAlgorithmOnly()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "algorithms[LAG-WK].parameters.xi": [0.1, 0.5] }""");

        var cells = ScenarioText.Parse(json).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells.Select(c => c.Algorithms[1].TryGetNumber("xi", out var xi) ? xi : double.NaN), Is.EqualTo(new[] { 0.1, 0.5 }));
            Assert.That(cells.Select(c => c.Algorithms[0].Parameters.Count), Has.All.Zero);
            Assert.That(cells[1].Cell!.Label, Is.EqualTo("LAG-WK.xi=0.5"));
        }
    }

    [Test]
    public void Expand_ParameterAxisNamingALabelledAlgorithmByName_FindsIt()
    {
        var json = ScenarioText.Minimal();
        json["algorithms"] = JArray.Parse("""[ { "name": "GD" }, { "name": "SASG", "label": "SASG-1%" } ]""");
        json["sweep"] = JObject.Parse("""{ "algorithms[sasg].parameters.fraction": [0.01] }""");

        var cell = ScenarioText.Parse(json).Expand().Single();

        Assert.That(cell.Algorithms[1].Parameters["fraction"], Is.EqualTo(0.01));
    }

    [Test]
    public void Expand_NoSweep_YieldsTheScenarioAsItsOnlyCell()
    {
        var cells = ScenarioText.Parse(ScenarioText.Minimal()).Expand().ToList();

        Assert.That(cells, Has.Count.EqualTo(1));
        Assert.That(cells[0].Cell, Is.Not.Null.And.Property(nameof(ScenarioCell.NetworkOnlyVariant)).False);
    }

    [Test]
    public void Parse_SweepValueInvalidForItsField_NamesTheValueAndTheFieldProblem()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "network.uplink": ["100Mbps", "fast"] }""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[]
            {
                $"s.json: $.sweep['network.uplink'][1]: value the string \"fast\" is invalid: $.network.uplink: bandwidth 'fast' does not start with a number; write a number followed by one of {Units.BandwidthUnitList}, for example \"100Mbps\"",
            }));
    }

    [Test]
    public void Parse_SweepOverUnknownPath_SuggestsTheKnownPath()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "network.uplnk": ["1Gbps"], "network.workers": [1] }""");

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems[0], Is.EqualTo("s.json: $.sweep['network.uplnk']: 'network.uplnk' is not a field a sweep can vary; did you mean 'network.uplink'?"));
        Assert.That(problems[1], Does.StartWith("s.json: $.sweep['network.workers']: 'network.workers' is not a field a sweep can vary; name a scalar field"));
    }

    [Test]
    public void Parse_SweepOverParameterOfMissingAlgorithm_IsAProblem()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "algorithms[SASG].parameters.fraction": [0.01] }""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.sweep['algorithms[SASG].parameters.fraction']: 'algorithms[SASG].parameters.fraction' names an algorithm the scenario does not list; write the label (or name) of one of the scenario's algorithms inside the brackets" }));
    }

    [Test]
    public void Expand_CombinationInvalidTogether_ThrowsNamingTheCell()
    {
        var json = ScenarioText.Minimal();
        json["compute"] = new JObject { ["speed"] = new JArray(1, 1, 1) };
        json["sweep"] = JObject.Parse("""{ "data.workers": [3], "network.uplink": ["1Gbps"] }""");
        var scenario = ScenarioText.Parse(json);
        var broken = scenario with { Source = (JObject)scenario.Source.DeepClone() };
        broken.Source["sweep"]!["data.workers"] = new JArray(4);
        broken = broken with { Sweep = new ScenarioSweep([new ScenarioSweepAxis("data.workers", [4])]) };

        var exception = Assert.Throws<ScenarioException>(() => broken.Expand().ToList())!;

        Assert.That(exception.Message, Is.EqualTo("s.json: $.compute.speed: in sweep cell workers=4: 3 speeds for 4 workers; write exactly 4 numbers, one per worker"));
    }
}
