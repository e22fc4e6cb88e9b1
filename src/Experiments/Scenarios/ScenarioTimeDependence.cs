namespace Sasg.Experiments.Scenarios;

/// <summary>Whether a scenario's learning decisions depend on simulated time: then the recorded decisions of one
/// network cannot be re-timed on another (<c>sasg replay</c> refuses, a sweep trains every such cell).</summary>
public static class ScenarioTimeDependence
{
    /// <summary>The field that makes <paramref name="scenario"/>'s decisions depend on time and why, or null when they
    /// do not (a synchronous protocol and every worker always online).</summary>
    public static (string JsonPath, string Reason)? Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Protocol.DecisionsDependOnTime)
        {
            var kind = ScenarioWords.Protocols.WordOf(scenario.Protocol.Kind);
            return ("$.protocol.kind", $"under protocol kind \"{kind}\" the time an upload arrives decides which gradients the model is built from");
        }

        if (scenario.Availability is not null)
        {
            return ("$.availability", "when a worker is online decides which of its gradients reach the server");
        }

        return null;
    }
}
