namespace Sasg.Experiments.Scenarios;

/// <summary>Whether a scenario's recorded decisions cannot be re-timed on another network: they depend on simulated
/// time (a time-driven protocol, availability), its links follow traces the closed-form replay cannot follow, or its
/// topology is not the star (issue 18).
/// <c>sasg replay</c> refuses such a run and a sweep trains every such cell.</summary>
public static class ScenarioTimeDependence
{
    /// <summary>The field that keeps <paramref name="scenario"/>'s decisions from being re-timed and why, or null when
    /// they can be (a synchronous protocol on fixed links with every worker always online).</summary>
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

        if (scenario.Network.LinkTraces is not null)
        {
            // Not a decision that depends on time, but replay re-times on the closed form, which ignores the traces.
            return ("$.network.linkTraces", "replay re-times decisions on the closed-form network, which cannot follow link traces");
        }

        if (scenario.Network.Topology.Kind != TopologyKind.Star)
        {
            // Replay re-times decisions on the star. The sizes of a hierarchy's merged messages and of sharded slices
            // depend on the payloads' contents, which decisions do not hold; the other kinds are not replayed either
            // (issue 18: a run trains them, a sweep trains every such cell).
            var kind = ScenarioWords.TopologyKinds.WordOf(scenario.Network.Topology.Kind);
            return ("$.network.topology.kind", $"replay re-times decisions on the star, and topology kind \"{kind}\" is timed only as it trains (a merged or sliced message's size depends on the payloads' contents, which decisions do not hold)");
        }

        return null;
    }
}
