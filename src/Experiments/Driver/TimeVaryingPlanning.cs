using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;
using SeededRandom = Sasg.NetSim.Network.SeededRandom;

namespace Sasg.Experiments.Driver;

/// <summary>Resolves the time-varying inputs of a scenario (<c>network.linkTraces</c>, <c>availability</c>) into the
/// schedules a <see cref="RunPlan"/> carries.</summary>
internal static class TimeVaryingPlanning
{
    /// <summary>Refuses the time-varying inputs a plan's network cannot follow: the closed-form network of a replay
    /// (<paramref name="closedForm"/>) follows neither; the synchronous round on the event-driven network follows link
    /// traces, and availability only to sample the workers of a round (<c>participation.among</c> "available"); the
    /// time-driven protocols follow both.</summary>
    /// <exception cref="ScenarioException">The scenario sets <c>network.linkTraces</c> or <c>availability</c> where they
    /// cannot be followed.</exception>
    public static void CheckSupported(Scenario scenario, bool closedForm = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var timed = scenario.Protocol.Kind != ProtocolKind.Synchronous;
        if (timed && !closedForm)
        {
            return;
        }

        var problems = new List<ScenarioProblem>();
        if (scenario.Network.LinkTraces is not null && closedForm)
        {
            problems.Add(new ScenarioProblem(scenario.File, "$.network.linkTraces", "recorded decisions are re-timed on the closed-form network, which cannot follow link traces", "run the scenario with the other network instead of replaying it"));
        }

        if (scenario.Network.Topology.Kind != TopologyKind.Star && closedForm)
        {
            problems.Add(new ScenarioProblem(scenario.File, "$.network.topology.kind", "recorded decisions are re-timed on the star's closed form, and a topology other than the star is timed only as it trains", "run the scenario instead of replaying it"));
        }

        // Synchronous rounds that sample among the workers online at each round's start use the availability for
        // that sample only (docs/scenario-format.md, participation); without such a sample nothing would use it.
        var sampled = scenario.Participation?.Among == ParticipationPool.Available;
        if (scenario.Availability is not null && (closedForm || !sampled))
        {
            problems.Add(new ScenarioProblem(scenario.File, "$.availability", "the synchronous protocol's rounds have no offline workers (a synchronous round would wait for them forever)", "remove \"availability\", or run a time-driven protocol (\"protocol\": { \"kind\": \"asynchronous\" })"));
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }
    }

    /// <summary>The per-worker capacity schedules and the availability of <paramref name="scenario"/> for
    /// <paramref name="workers"/> workers; null where the scenario sets none.</summary>
    /// <remarks>Worker w's link follows trace file w mod N. With <c>"startOffset": "random"</c> worker w draws two
    /// uniform numbers from stream <c>trace-offset/&lt;w&gt;</c> (uplink first, then downlink, both always drawn) and
    /// reads each trace from that fraction of its length on.</remarks>
    /// <exception cref="ScenarioException">A file cannot be read or no longer parses (it changed since the scenario was
    /// loaded, or the availability file names a worker beyond <paramref name="workers"/>).</exception>
    public static (IReadOnlyList<ICapacitySchedule>? Uplink, IReadOnlyList<ICapacitySchedule>? Downlink, IWorkerAvailability? Availability) Resolve(
        Scenario scenario, int workers)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var seed = unchecked((ulong)scenario.Seed);
        IReadOnlyList<ICapacitySchedule>? uplink = null;
        IReadOnlyList<ICapacitySchedule>? downlink = null;
        if (scenario.Network.LinkTraces is { } traces)
        {
            var up = Read(scenario, "uplink", traces.Uplink);
            var down = Read(scenario, "downlink", traces.Downlink);
            var ups = new ICapacitySchedule[workers];
            var downs = new ICapacitySchedule[workers];
            for (var w = 0; w < workers; w++)
            {
                var random = new SeededRandom(seed, $"trace-offset/{w}");
                var (upFraction, downFraction) = (random.NextDouble(), random.NextDouble());
                if (up.Count > 0)
                {
                    ups[w] = Offset(up[w % up.Count], traces.StartOffset, upFraction);
                }

                if (down.Count > 0)
                {
                    downs[w] = Offset(down[w % down.Count], traces.StartOffset, downFraction);
                }
            }

            uplink = up.Count > 0 ? ups : null;
            downlink = down.Count > 0 ? downs : null;
        }

        IWorkerAvailability? availability = scenario.Availability switch
        {
            null => null,
            { File: { } file } => Parse(scenario, "$.availability.file", () => AvailabilitySchedule.Load(file, workers)),
            var model => AvailabilitySchedule.OnOff(workers, model.MeanOnline.Nanoseconds, model.MeanOffline.Nanoseconds, seed),
        };
        return (uplink, downlink, availability);
    }

    private static CapacityTrace Offset(CapacityTrace trace, NetSim.Kernel.SimTime? offset, double fraction) =>
        trace.WithStartOffset(offset is { } fixedOffset ? fixedOffset.Nanoseconds : (long)(fraction * trace.Duration));

    private static List<CapacityTrace> Read(Scenario scenario, string direction, IReadOnlyList<string> files) =>
        files.Select((file, i) => Parse(scenario, $"$.network.linkTraces.{direction}[{i}]", () => CapacityTrace.Load(file))).ToList();

    private static T Parse<T>(Scenario scenario, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            var message = exception.Message;
            var split = message.IndexOf("; ", StringComparison.Ordinal);
            throw ScenarioPlanner.Problem(
                scenario,
                path,
                split < 0 ? message : message[..split],
                split < 0 ? "give a readable file (docs/netsim.md gives the format)" : message[(split + 2)..]);
        }
    }
}
