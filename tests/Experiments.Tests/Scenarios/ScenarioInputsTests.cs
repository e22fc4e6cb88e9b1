using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Kernel;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary><c>network.linkTraces</c> and <c>availability</c>: parsing, the resolved scenario and every bad input.</summary>
[TestFixture]
public sealed class ScenarioInputsTests
{
    private const string Availability = "worker,online_from_s,online_until_s\n0,0,10\n2,5,inf\n";

    [Test]
    public void LinkTraces_ResolveAgainstTheScenarioFolder_WithAStartOffset()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "linkTraces": { "uplink": ["a.up", "steps.csv"], "downlink": ["a.up"], "startOffset": "1.5s" } }""");

        var traces = Parse(json, folder).Network.LinkTraces!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(traces.Uplink, Is.EqualTo(new[] { Path.Combine(folder.Path, "a.up"), Path.Combine(folder.Path, "steps.csv") }));
            Assert.That(traces.Downlink, Is.EqualTo(new[] { Path.Combine(folder.Path, "a.up") }));
            Assert.That(traces.StartOffset, Is.EqualTo(SimTime.FromMilliseconds(1500)));
        }
    }

    [Test]
    public void LinkTraces_APathWithANulCharacter_IsOneProblem_NotAnException()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "linkTraces": { "uplink": ["a\u0000.up"] } }""");

        Assert.That(Problems(json, folder), Is.EqualTo(new[]
        {
            "s.json: $.network.linkTraces.uplink[0]: the string holds a NUL character (\\u0000); write a string without it, for example \"traces/cell.up\"",
        }));
    }

    [Test]
    public void LinkTraces_StartOffset_DefaultsToZero_AndTakesRandom()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "linkTraces": { "uplink": ["a.up"] } }""");
        var zero = Parse(json, folder).Network.LinkTraces!;
        json["network"]!["linkTraces"]!["startOffset"] = "random";
        var random = Parse(json, folder).Network.LinkTraces!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(zero.StartOffset, Is.EqualTo(SimTime.Zero));
            Assert.That(zero.Downlink, Is.Empty);
            Assert.That(random.StartOffset, Is.Null);
        }
    }

    [Test]
    public void Availability_FileOrOnOffModel()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["availability"] = JObject.Parse("""{ "file": "online.csv" }""");
        var file = Parse(json, folder).Availability!;
        json["availability"] = JObject.Parse("""{ "model": "on-off", "meanOnline": "10min", "meanOffline": "30s" }""");
        var model = Parse(json, folder).Availability!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(file.File, Is.EqualTo(Path.Combine(folder.Path, "online.csv")));
            Assert.That(model, Is.EqualTo(new ScenarioAvailability(null, SimTime.FromSeconds(600), SimTime.FromSeconds(30))));
            Assert.That(ScenarioText.Parse(ScenarioText.Minimal()).Availability, Is.Null);
        }
    }

    [TestCase("""{ "file": "online.csv" }""")]
    [TestCase("""{ "model": "on-off", "meanOnline": "10min", "meanOffline": "30s" }""")]
    public void ResolvedJson_KeepsTheInputsWithAbsolutePaths_AndReadsBackTheSame(string availability)
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "linkTraces": { "uplink": ["a.up"], "downlink": ["steps.csv", "a.up"], "startOffset": "random" } }""");
        json["availability"] = JObject.Parse(availability);
        var scenario = Parse(json, folder);

        var resolved = scenario.ToResolvedJson();
        var again = ScenarioLoader.Parse(resolved, "resolved.json", null);
        var written = JObject.Parse(resolved);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.ToResolvedJson(), Is.EqualTo(resolved));
            Assert.That(again.Network.LinkTraces!.Downlink, Is.EqualTo(scenario.Network.LinkTraces!.Downlink));
            Assert.That(again.Availability, Is.EqualTo(scenario.Availability));
            Assert.That(written["network"]!["linkTraces"]!["uplink"]![0]!.Value<string>(), Is.EqualTo(Path.Combine(folder.Path, "a.up")));
            Assert.That(written.Properties().Select(p => p.Name), Is.EqualTo(new[] { "name", "description", "seed", "data", "model", "training", "stop", "evaluation", "algorithms", "network", "compute", "availability", "outputs" }));
        }
    }

    [Test]
    public void ResolvedJson_WithoutTheInputs_HasNeitherField()
    {
        var written = JObject.Parse(ScenarioText.Parse(ScenarioText.Minimal()).ToResolvedJson());

        Assert.That((written["availability"], written["network"]!["linkTraces"]), Is.EqualTo(((JToken?)null, (JToken?)null)));
    }

    [TestCase("""{ "uplink": ["bad.up"] }""", "s.json: $.network.linkTraces.uplink[0]: {0}/bad.up:3: 'x' is not a whole number of milliseconds; write one timestamp in whole milliseconds (0 or more) per line")]
    [TestCase("""{ "downlink": ["a.up", "empty.up"] }""", "s.json: $.network.linkTraces.downlink[1]: {0}/empty.up: the trace has no timestamps, so it never delivers a packet; write one line per 1500-byte delivery opportunity, in milliseconds")]
    [TestCase("""{ "uplink": ["zero.csv"] }""", "s.json: $.network.linkTraces.uplink[0]: {0}/zero.csv:3: the last step is 0 bit/s, which the trace holds for ever, so a transfer then never ends; end the trace with a step above 0 bit/s (a CSV trace holds its last step; it does not loop)")]
    [TestCase("""{ "uplink": ["nosuch.up"] }""", "s.json: $.network.linkTraces.uplink[0]: file '{0}/nosuch.up' does not exist; write a trace file path relative to the scenario file's folder")]
    [TestCase("""{ "uplink": [] }""", "s.json: $.network.linkTraces.uplink: no trace files given; list at least one file, or remove \"uplink\"")]
    [TestCase("""{ "startOffset": "random" }""", "s.json: $.network.linkTraces: no trace files given; give \"uplink\" or \"downlink\" (or both)")]
    [TestCase("""{ "uplink": ["a.up"], "startOffset": "later" }""", "s.json: $.network.linkTraces.startOffset: unknown start offset 'later'; write \"random\" (a seeded offset per worker) or a duration")]
    [TestCase("""{ "uplink": ["a.up"], "startOffset": "5 parsecs" }""", "s.json: $.network.linkTraces.startOffset: duration '5 parsecs' has the unknown unit")]
    [TestCase("""{ "uplink": "a.up" }""", "s.json: $.network.linkTraces.uplink: expected an array of trace file paths, found the string \"a.up\"")]
    [TestCase("""{ "uplinks": ["a.up"] }""", "s.json: $.network.linkTraces.uplinks: unknown field 'uplinks'; did you mean 'uplink'?")]
    public void LinkTraces_BadInput_IsOneLineNamingTheFieldAndTheFileAndLine(string traces, string expected)
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse($$"""{ "linkTraces": {{traces}} }""");

        var problems = Problems(json, folder);

        Assert.That(problems, Has.Some.StartsWith(expected.Replace("{0}", folder.Path, StringComparison.Ordinal)));
    }

    [Test]
    public void LinkTraces_WithANewConnectionPerUpload_IsRefused()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "connection": "new", "linkTraces": { "uplink": ["a.up"] } }""");

        Assert.That(Problems(json, folder), Is.EqualTo(new[]
        {
            "s.json: $.network.connection: connection \"new\" does not apply to traced uplinks (slow start is modelled at a fixed rate only); remove \"connection\" or \"linkTraces.uplink\"",
        }));
    }

    [TestCase("worker,online_from_s,online_until_s\n0,1,2\nzero,1,2\n", "s.json: $.availability.file: {0}/bad.csv:3: worker 'zero' is not one of the 3 workers; write a worker index in 0..2")]
    [TestCase("worker,online_from_s,online_until_s\n3,1,2\n", "s.json: $.availability.file: {0}/bad.csv:2: worker '3' is not one of the 3 workers; write a worker index in 0..2")]
    [TestCase("worker,online_from_s,online_until_s\n1,20,10\n", "s.json: $.availability.file: {0}/bad.csv:2: the interval ends at 10 s, not after it starts at 20 s; give online_until_s greater than online_from_s")]
    [TestCase("worker,online_from_s,online_until_s\n1,-2,10\n", "s.json: $.availability.file: {0}/bad.csv:2: online_from_s '-2' is not a time in 0..")]
    [TestCase("worker,from,until\n", "s.json: $.availability.file: {0}/bad.csv:1: the header is 'worker,from,until'")]
    public void AvailabilityFile_BadInput_IsOneLineNamingTheFileAndLine(string file, string expected)
    {
        using var folder = Traces();
        folder.WriteFile("bad.csv", file);
        var json = ScenarioText.Minimal();
        json["availability"] = JObject.Parse("""{ "file": "bad.csv" }""");

        var problems = Problems(json, folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems, Has.Count.EqualTo(1));
            Assert.That(problems[0], Does.StartWith(expected.Replace("{0}", folder.Path, StringComparison.Ordinal)));
        }
    }

    [TestCase("""{ }""", "s.json: $.availability: neither \"file\" nor \"model\" given")]
    [TestCase("""{ "file": "online.csv", "meanOnline": "1s" }""", "s.json: $.availability.meanOnline: field 'meanOnline' applies only to \"model\": \"on-off\", not with \"file\"; remove \"meanOnline\"")]
    [TestCase("""{ "model": "markov", "meanOnline": "1s", "meanOffline": "1s" }""", "s.json: $.availability.model: unknown model 'markov'; write \"on-off\"")]
    [TestCase("""{ "model": "on-off", "meanOnline": "1s" }""", "s.json: $.availability.meanOffline: missing required field; add \"meanOffline\": \"2min\"")]
    [TestCase("""{ "model": "on-off", "meanOnline": "0s", "meanOffline": "1s" }""", "s.json: $.availability.meanOnline: meanOnline is 0; write a duration above 0")]
    [TestCase("""{ "file": "nosuch.csv" }""", "s.json: $.availability.file: file '{0}/nosuch.csv' does not exist")]
    [TestCase("""[ "online.csv" ]""", "s.json: $.availability: expected an object, found an array")]
    public void Availability_BadInput_IsOneLineNamingTheField(string availability, string expected)
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["availability"] = JToken.Parse(availability);

        var problems = Problems(json, folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems, Has.Count.EqualTo(1), string.Join('\n', problems));
            Assert.That(problems[0], Does.StartWith(expected.Replace("{0}", folder.Path, StringComparison.Ordinal)));
        }
    }

    [Test]
    public void AResultsFoldersScenario_ReadWithoutItsDataFiles_DoesNotReadTheTraces()
    {
        using var folder = Traces();
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "linkTraces": { "uplink": ["nosuch.up"] } }""");
        json["availability"] = JObject.Parse("""{ "file": "nosuch.csv" }""");
        var path = folder.WriteFile("s.json", json.ToString());

        var scenario = ScenarioLoader.LoadResolved(path, requireData: false);

        Assert.That(scenario.Network.LinkTraces!.Uplink, Is.EqualTo(new[] { Path.Combine(folder.Path, "nosuch.up") }));
    }

    /// <summary>A folder with good traces (a.up, steps.csv, online.csv) and bad ones (bad.up, empty.up, zero.csv).</summary>
    internal static TemporaryDirectory Traces()
    {
        var folder = new TemporaryDirectory();
        folder.WriteFile("a.up", "0\n1\n1\n3\n");
        folder.WriteFile("steps.csv", "time_s,bits_per_second\n0,1000000\n2,500000\n");
        folder.WriteFile("online.csv", Availability);
        folder.WriteFile("bad.up", "1\n2\nx\n");
        folder.WriteFile("empty.up", "\n");
        folder.WriteFile("zero.csv", "time_s,bits_per_second\n0,100\n1,0\n");
        return folder;
    }

    private static Scenario Parse(JObject json, TemporaryDirectory folder) => ScenarioLoader.Parse(json.ToString(), ScenarioText.File, folder.Path);

    private static List<string> Problems(JObject json, TemporaryDirectory folder)
    {
        try
        {
            Parse(json, folder);
        }
        catch (ScenarioException exception)
        {
            return exception.Problems.Select(p => p.ToString()).ToList();
        }

        return [];
    }
}
