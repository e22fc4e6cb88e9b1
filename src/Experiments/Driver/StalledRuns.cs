using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Driver;

/// <summary>A time-driven run in which no update ever reached the server is a scenario that cannot work as written (a
/// deadline no worker can meet, workers that are never online): the problem at the field to change.</summary>
public static class StalledRuns
{
    /// <summary>The problem of <paramref name="scenario"/>'s run when a method of <paramref name="results"/> made no
    /// update because the protocol could not make one (stop reason "stalled"), or null.</summary>
    public static ScenarioProblem? Problem(Scenario scenario, IReadOnlyList<AlgorithmResult> results)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        var stalled = results.Where(r => r.StopReason == "stalled" && r.Iterations == 0).Select(r => r.Label).ToList();
        if (stalled.Count == 0)
        {
            return null;
        }

        var who = string.Join(", ", stalled);
        var protocol = scenario.Protocol;
        if (protocol.Kind == ProtocolKind.Deadline && protocol.Deadline is not null && results.Any(r => r.Protocol?.Outcome == "stalled"))
        {
            return new ScenarioProblem(
                scenario.File,
                "$.protocol.deadline",
                $"no upload of {who} ever arrived by the deadline ({results.First(r => r.Protocol is not null).Protocol!.EmptyRounds} rounds in a row closed empty), so no update reached the server",
                "give a deadline longer than a worker's model download, compute and upload (the results folder has what ran)");
        }

        return new ScenarioProblem(
            scenario.File,
            scenario.Availability is null ? "$.protocol.kind" : "$.availability",
            $"no update of {who} ever reached the server (no worker could complete a turn)",
            scenario.Availability is null
                ? "check the network and the protocol (the results folder has what ran)"
                : "give the workers online periods long enough for a turn (the results folder has what ran)");
    }
}
