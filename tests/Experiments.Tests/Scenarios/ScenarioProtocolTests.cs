using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioProtocolTests
{
    private static JObject With(string protocol, Action<JObject>? edit = null)
    {
        var json = ScenarioText.Minimal();
        json["protocol"] = JObject.Parse(protocol);
        edit?.Invoke(json);
        return json;
    }

    [Test]
    public void Parse_NoProtocol_IsSynchronous_AndTheResolvedScenarioHasNoProtocolField()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Minimal());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Protocol, Is.EqualTo(ScenarioProtocol.Synchronous));
            Assert.That(JObject.Parse(scenario.ToResolvedJson()).ContainsKey("protocol"), Is.False);
            Assert.That(ScenarioTimeDependence.Of(scenario), Is.Null);
        }
    }

    [TestCase("""{ "kind": "deadline", "deadline": "1.5s", "late": "stale" }""")]
    [TestCase("""{ "kind": "deadline", "deadline": { "fastest": 2 } }""")]
    [TestCase("""{ "kind": "asynchronous", "damping": "inverse-sqrt" }""")]
    [TestCase("""{ "kind": "buffered", "buffer": 2, "damping": "inverse" }""")]
    [TestCase("""{ "kind": "synchronous" }""")]
    public void Parse_AValidProtocol_RoundTripsThroughTheResolvedScenario(string protocol)
    {
        var scenario = ScenarioText.Parse(With(protocol));

        var again = ScenarioLoader.Parse(scenario.ToResolvedJson(), "resolved.json", null);

        Assert.That(again.Protocol, Is.EqualTo(scenario.Protocol));
    }

    [Test]
    public void Parse_Deadline_ReadsEveryField()
    {
        var fixedDeadline = ScenarioText.Parse(With("""{ "kind": "deadline", "deadline": "250ms", "late": "stale" }""")).Protocol;
        var fastest = ScenarioText.Parse(With("""{ "kind": "deadline", "deadline": { "fastest": 2 } }""")).Protocol;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fixedDeadline, Is.EqualTo(new ScenarioProtocol(ProtocolKind.Deadline, SimTime.FromMilliseconds(250), Late: LateUploads.Stale)));
            Assert.That(fastest, Is.EqualTo(new ScenarioProtocol(ProtocolKind.Deadline, Fastest: 2)));
            Assert.That(fastest.DecisionsDependOnTime, Is.True);
        }
    }

    [TestCase("""{ "kind": "asynchronous", "buffer": 2 }""", "s.json: $.protocol.buffer: field 'buffer' does not apply to protocol kind \"asynchronous\" (it belongs to \"buffered\"); remove \"buffer\"")]
    [TestCase("""{ "kind": "buffered", "buffer": 2, "late": "drop" }""", "s.json: $.protocol.late: field 'late' does not apply to protocol kind \"buffered\" (it belongs to \"deadline\"); remove \"late\"")]
    [TestCase("""{ "kind": "deadline", "deadline": "1s", "damping": "inverse" }""", "s.json: $.protocol.damping: field 'damping' does not apply to protocol kind \"deadline\" (it belongs to \"asynchronous\" and \"buffered\"); remove \"damping\"")]
    [TestCase("""{ "deadline": "1s" }""", "s.json: $.protocol.deadline: field 'deadline' does not apply to protocol kind \"synchronous\" (it belongs to \"deadline\"); remove \"deadline\"")]
    [TestCase("""{ "kind": "buffered", "buffer": 0 }""", "s.json: $.protocol.buffer: 0 is out of range; write a whole number in 1..3 (at most the workers), for example 10")]
    [TestCase("""{ "kind": "buffered", "buffer": 4 }""", "s.json: $.protocol.buffer: 4 is out of range; write a whole number in 1..3 (at most the workers), for example 10")]
    [TestCase("""{ "kind": "buffered" }""", "s.json: $.protocol.buffer: missing required field; add \"buffer\": 10 (the arrivals per server update)")]
    [TestCase("""{ "kind": "deadline", "deadline": { "fastest": 0 } }""", "s.json: $.protocol.deadline.fastest: 0 is out of range; write a whole number in 1..3 (the workers per round), for example 8")]
    [TestCase("""{ "kind": "deadline", "deadline": { "fastest": 4 } }""", "s.json: $.protocol.deadline.fastest: 4 is out of range; write a whole number in 1..3 (the workers per round), for example 8")]
    [TestCase("""{ "kind": "deadline", "deadline": "0s" }""", "s.json: $.protocol.deadline: a deadline of 0 s closes every round before any upload arrives; write a duration greater than 0, for example \"2s\"")]
    [TestCase("""{ "kind": "deadline", "deadline": "1s", "overSelect": 3 }""", "s.json: $.protocol.overSelect: over-selection asks all 3 workers and keeps the first M - 3 arrivals, which leaves none; write \"overSelect\" from 0 to 2")]
    [TestCase("""{ "kind": "eventually" }""", "s.json: $.protocol.kind: unknown value 'eventually'; write one of \"synchronous\", \"deadline\", \"asynchronous\", \"buffered\"")]
    [TestCase("""{ "kind": "deadline", "deadline": "1s", "late": "later" }""", "s.json: $.protocol.late: unknown value 'later'; write one of \"drop\", \"stale\"")]
    public void Parse_AProtocolThatMakesNoSense_IsOneProblemNamingTheField(string protocol, string expected)
    {
        Assert.That(ScenarioText.Problems(With(protocol)), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Parse_Deadline_OverSelection_UpToOneWorkerLess_IsAccepted()
    {
        var scenario = ScenarioText.Parse(With("""{ "kind": "deadline", "deadline": "1s", "overSelect": 2 }"""));

        Assert.That(scenario.Protocol.OverSelect, Is.EqualTo(2));
    }

    [TestCase("""{ "kind": "deadline", "deadline": "1s" }""", "deadline")]
    [TestCase("""{ "kind": "asynchronous" }""", "asynchronous")]
    [TestCase("""{ "kind": "buffered", "buffer": 2 }""", "buffered")]
    public void Parse_Participation_UnderATimeDrivenKind_IsOneProblemAtParticipation(string protocol, string kind)
    {
        var problems = ScenarioText.Problems(With(protocol, j => j["participation"] = JObject.Parse("""{ "workers": 2 }""")));

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"s.json: $.participation: partial participation samples the workers of synchronous rounds; protocol kind \"{kind}\" asks every worker; remove \"participation\", or use \"protocol\": {{ \"kind\": \"synchronous\" }}; under \"deadline\", \"overSelect\": n keeps the first M - n arrivals",
        }));
    }

    [Test]
    public void Parse_Deadline_WithoutADeadline_SaysWhatToAdd()
    {
        var problems = ScenarioText.Problems(With("""{ "kind": "deadline" }"""));

        Assert.That(problems, Has.Exactly(1).StartsWith("s.json: $.protocol.deadline: missing required field; add \"deadline\": \"2s\""));
    }

    [TestCase("asynchronous")]
    [TestCase("buffered")]
    public void Parse_ServerSelectedMethods_WithoutRounds_AreNamedAtTheirAlgorithm(string kind)
    {
        var protocol = kind == "buffered" ? """{ "kind": "buffered", "buffer": 2 }""" : """{ "kind": "asynchronous" }""";
        var json = With(protocol, j => j["algorithms"] = JArray.Parse("""[{ "name": "GD" }, { "name": "lag-ps" }, { "name": "Cyc-IAG" }]"""));

        var problems = ScenarioText.Problems(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems, Has.Count.EqualTo(2));
            Assert.That(problems[0], Does.StartWith($"s.json: $.algorithms[1].name: LAG-PS chooses at the server which workers upload each round, and protocol kind \"{kind}\" has no rounds"));
            Assert.That(problems[1], Does.StartWith("s.json: $.algorithms[2].name: Cyc-IAG chooses at the server"));
        }
    }

    [Test]
    public void Parse_ServerSelectedMethods_UnderDeadlineRounds_AreAccepted()
    {
        var json = With("""{ "kind": "deadline", "deadline": "1s" }""", j => j["algorithms"] = JArray.Parse("""[{ "name": "LAG-PS" }]"""));

        Assert.That(ScenarioText.Problems(json), Is.Empty);
    }

    [Test]
    public void Parse_SequentialPull_WithoutRounds_SaysWhy()
    {
        var json = With("""{ "kind": "asynchronous" }""", j => j["network"] = new JObject { ["ingress"] = "sequential-pull" });

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.network.ingress: sequential-pull has the server fetch the round's uploads one worker at a time in worker order, and protocol kind \"asynchronous\" has no rounds to take turns in; write \"sequential-push\", \"fair-share\" or \"unlimited\"" }));
    }

    [Test]
    public void Parse_ATreeBroadcast_WithoutRounds_SaysWhy()
    {
        var json = With("""{ "kind": "buffered", "buffer": 3 }""", j => j["network"] = new JObject { ["broadcast"] = "binomial-tree" });

        Assert.That(ScenarioText.Problems(json), Has.Exactly(1).StartsWith("s.json: $.network.broadcast: under protocol kind \"buffered\" each worker pulls the model"));
    }

    [Test]
    public void TimeDependence_NamesTheProtocolKind()
    {
        var scenario = ScenarioText.Parse(With("""{ "kind": "asynchronous" }"""));

        Assert.That(ScenarioTimeDependence.Of(scenario)?.JsonPath, Is.EqualTo("$.protocol.kind"));
    }

    [Test]
    public void Expand_TimeDependentCells_NeverShareALearningRun_AcrossNetworks()
    {
        var json = ScenarioText.Minimal();
        json["sweep"] = JObject.Parse("""{ "protocol.kind": ["synchronous", "asynchronous"], "network.uplink": ["100Mbps", "1Gbps"] }""");

        var cells = ScenarioText.Parse(json).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells.Select(c => c.Protocol.Kind), Is.EqualTo(new[] { ProtocolKind.Synchronous, ProtocolKind.Synchronous, ProtocolKind.Asynchronous, ProtocolKind.Asynchronous }));
            Assert.That(cells.Select(c => c.Cell!.NetworkOnlyVariant), Is.EqualTo(new[] { true, true, false, false }));
            Assert.That(cells[0].Cell!.LearningKey, Is.EqualTo(cells[1].Cell!.LearningKey));
            Assert.That(cells[2].Cell!.LearningKey, Is.Not.EqualTo(cells[3].Cell!.LearningKey));
            Assert.That(cells.Select(c => c.Cell!.LearningSourceIndex), Is.EqualTo(new[] { 0, 0, 2, 3 }));
        }
    }
}
