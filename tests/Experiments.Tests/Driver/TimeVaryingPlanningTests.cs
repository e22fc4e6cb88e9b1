using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Tests.Scenarios;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Driver;

public sealed class TimeVaryingPlanningTests
{
    private const long Ms = 1_000_000;

    [Test]
    public void Plan_OfASynchronousScenario_FollowsLinkTraces_ButRefusesAvailability_AndReplaysNeither()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, """{ "uplink": ["a.up"] }""", """{ "model": "on-off", "meanOnline": "1s", "meanOffline": "1s" }""");

        var error = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!;
        var network = Assert.Throws<ScenarioException>(() => ScenarioPlanner.PlanNetwork(scenario, 3, 400))!;
        var traced = ScenarioPlanner.Plan(scenario with { Availability = null });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo(
                "s.json: $.availability: the synchronous protocol's rounds have no offline workers (a synchronous round would wait for them forever); remove \"availability\", or run a time-driven protocol (\"protocol\": { \"kind\": \"asynchronous\" })"));
            Assert.That(network.Message, Is.EqualTo(
                "s.json: $.network.linkTraces: recorded decisions are re-timed on the closed-form network, which cannot follow link traces; run the scenario with the other network instead of replaying it\n"
                + error.Message), "replay's network-only plan refuses both");
            Assert.That(ScenarioTimeDependence.Of(scenario with { Availability = null })?.JsonPath, Is.EqualTo("$.network.linkTraces"));
            Assert.That(traced.UplinkCapacity, Has.Count.EqualTo(3), "a run's plan follows the traces (only replay refuses them)");
        }
    }

    [Test]
    public void CheckSupported_Synchronous_AcceptsAvailability_OnlyToSampleAmongTheOnlineWorkers()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, null, """{ "model": "on-off", "meanOnline": "1s", "meanOffline": "1s" }""");
        var sampled = scenario with { Participation = new ScenarioParticipation(2, ParticipationPool.Available) };
        var sampledFromAll = scenario with { Participation = new ScenarioParticipation(2, ParticipationPool.All) };

        using (Assert.EnterMultipleScope())
        {
            Assert.DoesNotThrow(() => TimeVaryingPlanning.CheckSupported(sampled));
            Assert.Throws<ScenarioException>(() => TimeVaryingPlanning.CheckSupported(sampledFromAll));
            Assert.Throws<ScenarioException>(() => TimeVaryingPlanning.CheckSupported(sampled, closedForm: true), "replay still refuses it");
        }
    }

    [Test]
    public void Resolve_WithoutInputs_GivesNulls()
    {
        var (uplink, downlink, availability) = TimeVaryingPlanning.Resolve(ScenarioText.Parse(ScenarioText.Minimal()), 3);

        Assert.That((uplink, downlink, availability), Is.EqualTo(((IReadOnlyList<ICapacitySchedule>?)null, (IReadOnlyList<ICapacitySchedule>?)null, (IWorkerAvailability?)null)));
    }

    [Test]
    public void Resolve_AssignsTraceFiles_RoundRobin_FromAFixedOffset()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, """{ "uplink": ["a.up", "steps.csv"], "startOffset": "1ms" }""", """{ "file": "online.csv" }""");

        var (uplink, downlink, availability) = TimeVaryingPlanning.Resolve(scenario, 3);

        var traces = uplink!.Cast<CapacityTrace>().ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(traces.Select(t => Path.GetFileName(t.Source)), Is.EqualTo(new[] { "a.up", "steps.csv", "a.up" }));
            Assert.That(traces.Select(t => t.StartOffset), Is.All.EqualTo(Ms));
            // a.up = 0, 1, 1, 3: [0, 1) ms at 24 Mbit/s, [1, 2) at 0, [2, 3) at 24 (the line 3 and the next loop's 0).
            Assert.That(traces[0].BitsPerSecondAt(0), Is.Zero, "read from 1 ms on");
            Assert.That(traces[0].BitsPerSecondAt(Ms), Is.EqualTo(24_000_000));
            Assert.That(traces[1].BitsPerSecondAt(0), Is.EqualTo(1_000_000));
            Assert.That(downlink, Is.Null);
            Assert.That(availability, Is.InstanceOf<AvailabilitySchedule>());
            Assert.That(availability!.IsOnline(0, 10 * 1000 * Ms), Is.False);
            Assert.That(availability.IsOnline(1, 10 * 1000 * Ms), Is.True, "a worker with no line is always online");
        }
    }

    [Test]
    public void Resolve_RandomOffsets_AreSeededPerWorker_WithinTheTracesLength()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, """{ "uplink": ["steps.csv"], "downlink": ["a.up"], "startOffset": "random" }""", null);
        var otherSeed = scenario with { Seed = 2 };

        var first = Offsets(TimeVaryingPlanning.Resolve(scenario, 8));
        var again = Offsets(TimeVaryingPlanning.Resolve(scenario, 8));
        var other = Offsets(TimeVaryingPlanning.Resolve(otherSeed, 8));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(first.Select(o => o.Up), Is.All.InRange(0, 2_000_000_000 - 1), "within the CSV's 2 s");
            Assert.That(first.Select(o => o.Down), Is.All.InRange(0, (3 * Ms) - 1), "within a.up's 3 ms loop");
            Assert.That(first.Select(o => o.Up).Distinct().Count(), Is.EqualTo(8));
        }
    }

    [Test]
    public void Resolve_OnOffModel_IsTheSeededModel()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, null, """{ "model": "on-off", "meanOnline": "2s", "meanOffline": "1s" }""");

        var availability = TimeVaryingPlanning.Resolve(scenario, 4).Availability!;
        var expected = AvailabilitySchedule.OnOff(4, 2_000 * Ms, 1_000 * Ms, (ulong)scenario.Seed);

        Assert.That(
            Enumerable.Range(0, 4).Select(w => availability.NextChange(w, 5_000 * Ms)),
            Is.EqualTo(Enumerable.Range(0, 4).Select(w => expected.NextChange(w, 5_000 * Ms))));
    }

    [Test]
    public void Resolve_OfATraceThatChangedSinceLoading_NamesTheFieldAndTheLine()
    {
        using var folder = ScenarioInputsTests.Traces();
        var scenario = Scenario(folder, """{ "uplink": ["a.up"] }""", null);
        folder.WriteFile("a.up", "3\n2\n");

        var error = Assert.Throws<ScenarioException>(() => TimeVaryingPlanning.Resolve(scenario, 2))!;

        Assert.That(error.Message, Is.EqualTo($"s.json: $.network.linkTraces.uplink[0]: {folder.Path}/a.up:2: timestamp 2 ms comes after 3 ms; sort the timestamps: a Mahimahi trace never goes back in time"));
    }

    private static (long Up, long Down)[] Offsets((IReadOnlyList<ICapacitySchedule>? Uplink, IReadOnlyList<ICapacitySchedule>? Downlink, IWorkerAvailability? Availability) inputs) =>
        inputs.Uplink!.Zip(inputs.Downlink!, (u, d) => (((CapacityTrace)u).StartOffset, ((CapacityTrace)d).StartOffset)).ToArray();

    private static Scenario Scenario(TestSupport.TemporaryDirectory folder, string? traces, string? availability)
    {
        var json = ScenarioText.Minimal();
        if (traces is not null)
        {
            json["network"] = JObject.Parse($$"""{ "linkTraces": {{traces}} }""");
        }

        if (availability is not null)
        {
            json["availability"] = JObject.Parse(availability);
        }

        return ScenarioLoader.Parse(json.ToString(), ScenarioText.File, folder.Path);
    }
}
