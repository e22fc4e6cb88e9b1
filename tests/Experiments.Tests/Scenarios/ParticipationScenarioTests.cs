using System.Text.Json;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary>The <c>participation</c> section: read, checked against M, written back and planned.</summary>
public sealed class ParticipationScenarioTests
{
    [Test]
    public void Participation_IsReadWrittenAndPlanned()
    {
        var scenario = Parse("{ \"workers\": 2, \"among\": \"available\" }");
        var again = ScenarioLoader.Parse(scenario.ToResolvedJson(), "t.json", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Participation, Is.EqualTo(new ScenarioParticipation(2, ParticipationPool.Available)));
            Assert.That(again.Participation, Is.EqualTo(scenario.Participation), "scenario.json keeps it");
            Assert.That(ScenarioPlanner.Plan(scenario).Participation, Is.EqualTo(scenario.Participation));
        }
    }

    [Test]
    public void Participation_AmongDefaultsToAll_AndAScenarioWithoutItHasNone()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Parse("{ \"workers\": 3 }").Participation, Is.EqualTo(new ScenarioParticipation(3, ParticipationPool.All)));
            Assert.That(Parse(null).Participation, Is.Null);
            Assert.That(Parse(null).ToResolvedJson(), Does.Not.Contain("participation"));
        }
    }

    [TestCase("{ \"workers\": 4 }", "$.participation.workers", "but the scenario has 3")]
    [TestCase("{ \"workers\": 0 }", "$.participation.workers", "out of range")]
    [TestCase("{ \"workers\": 1.5 }", "$.participation.workers", "expected a whole number")]
    [TestCase("{ }", "$.participation.workers", "")]
    [TestCase("{ \"workers\": 2, \"among\": \"online\" }", "$.participation.among", "")]
    [TestCase("{ \"workers\": 2, \"amoung\": \"all\" }", "$.participation.amoung", "unknown field")]
    public void Participation_BadValue_IsOneProblemAtItsField(string section, string path, string words)
    {
        var problems = Assert.Throws<ScenarioException>(() => Parse(section))!.Problems;

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].ToString(), Does.StartWith($"t.json: {path}:").And.Contain(words));
    }

    [TestCase("{ \"workers\": 2, \"among\": \"available\" }", true)]
    [TestCase("{ \"workers\": 2 }", true)]
    [TestCase("{ \"workers\": 0 }", false)]
    [TestCase("{ \"among\": \"all\" }", false)]
    [TestCase("{ \"workers\": 2, \"among\": \"some\" }", false)]
    [TestCase("{ \"workers\": 2, \"other\": 1 }", false)]
    public void Schema_AgreesWithTheLoader(string section, bool valid)
    {
        // One schema object for the test run: the library refuses to register its $id twice.
        var schema = ScenarioSchemaConformanceTests.Schema.Value;
        using var document = JsonDocument.Parse(Json(section));

        Assert.That(schema.Evaluate(document.RootElement).IsValid, Is.EqualTo(valid));
        Assert.That(() => Parse(section), valid ? Throws.Nothing : Throws.TypeOf<ScenarioException>());
    }

    private static Scenario Parse(string? participation) => ScenarioLoader.Parse(Json(participation), "t.json", null);

    private static string Json(string? participation) =>
        $$"""
        { "name": "t", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
          "training": { "iterations": 5, "stepSize": "1/L" }, "algorithms": [ { "name": "GD" } ]
          {{(participation is null ? string.Empty : ", \"participation\": " + participation)}} }
        """;
}
