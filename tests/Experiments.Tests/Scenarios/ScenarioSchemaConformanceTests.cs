using System.Text.Json;
using Json.Schema;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary>docs/scenario.schema.json and the loader agree: every shipped scenario is valid under the schema, and a
/// seeded mutation fuzz finds no file the loader accepts and the schema rejects.</summary>
[TestFixture]
public sealed class ScenarioSchemaConformanceTests
{
    private const int MutantsPerFile = 150;

    internal static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(RepositoryPaths.InRoot("docs", "scenario.schema.json"))));

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepositoryPaths.InRoot("scenarios"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Files))]
    public void ShippedScenario_IsValidUnderTheSchema(string file)
    {
        var errors = SchemaErrors(File.ReadAllText(RepositoryPaths.InRoot("scenarios", file)));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Schema_RejectsWhatTheLoaderRejectsForSure()
    {
        var errors = SchemaErrors("""{ "name": "t", "data": { "source": "lag-synthetic", "workers": 0 } }""");

        Assert.That(errors, Is.Not.Empty);
    }

    [TestCase("""{ "uplink": ["a.up"], "startOffset": "random" }""", """{ "file": "online.csv" }""")]
    [TestCase("""{ "downlink": ["steps.csv", "a.up"], "startOffset": "1.5 s" }""", """{ "model": "On-Off", "meanOnline": "10min", "meanOffline": "30s" }""")]
    public void Schema_AcceptsTheTimeVaryingInputsTheLoaderAccepts(string linkTraces, string availability)
    {
        using var folder = ScenarioInputsTests.Traces();
        var json = ScenarioText.Minimal();
        json["network"] = Newtonsoft.Json.Linq.JObject.Parse($$"""{ "linkTraces": {{linkTraces}} }""");
        json["availability"] = Newtonsoft.Json.Linq.JObject.Parse(availability);

        ScenarioLoader.Parse(json.ToString(), "s.json", folder.Path);

        Assert.That(SchemaErrors(json.ToString()), Is.Empty);
    }

    [TestCase("""{ "startOffset": "random" }""", """{ "file": "online.csv" }""")]
    [TestCase("""{ "uplink": ["a.up"] }""", """{ "file": "online.csv", "meanOnline": "1s" }""")]
    [TestCase("""{ "uplink": ["a.up"] }""", """{ "model": "on-off", "meanOnline": "1s" }""")]
    public void Schema_RejectsTimeVaryingInputsTheLoaderRejects(string linkTraces, string availability)
    {
        var json = ScenarioText.Minimal();
        json["network"] = Newtonsoft.Json.Linq.JObject.Parse($$"""{ "linkTraces": {{linkTraces}} }""");
        json["availability"] = Newtonsoft.Json.Linq.JObject.Parse(availability);

        Assert.That(SchemaErrors(json.ToString()), Is.Not.Empty);
    }

    [TestCaseSource(nameof(Files))]
    public void Mutant_TheLoaderAccepts_TheSchemaAccepts(string file)
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("scenarios", file));
        var random = new Random(file.Length * 7919);
        var disagreements = new List<string>();
        var accepted = 0;

        for (var i = 0; i < MutantsPerFile; i++)
        {
            var mutant = ScenarioMutator.Mutate(text, random);
            if (!LoaderAccepts(mutant))
            {
                continue;
            }

            accepted++;
            if (SchemaErrors(mutant) is { Count: > 0 } errors)
            {
                disagreements.Add($"{string.Join("; ", errors)} in:\n{mutant}");
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(disagreements, Is.Empty);
            Assert.That(accepted, Is.Positive, "no mutant was accepted, so nothing was compared");
        }
    }

    private static bool LoaderAccepts(string json)
    {
        try
        {
            ScenarioLoader.Parse(json, "m.json", RepositoryPaths.InRoot("scenarios"));
            return true;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    private static List<string> SchemaErrors(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            return [$"not JSON: {exception.Message}"];
        }

        using (document)
        {
            var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            return results.IsValid
                ? []
                : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                    .DefaultIfEmpty("invalid")
                    .ToList();
        }
    }
}
