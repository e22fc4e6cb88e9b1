using Sasg.Learning.Algorithms;
using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Scenarios;

/// <summary>The training protocol (<c>protocol</c>), with defaults applied: when the server aggregates and when the
/// workers compute. Only the fields of <see cref="Kind"/> are set.</summary>
/// <param name="Kind">The protocol; default synchronous.</param>
/// <param name="Deadline">Deadline rounds: seconds after the broadcast by which an upload must arrive, or null when
/// the deadline is the <see cref="Fastest"/>-th arrival.</param>
/// <param name="Fastest">Deadline rounds: the round closes at the k-th fastest arrival, or null for a fixed
/// <see cref="Deadline"/>.</param>
/// <param name="OverSelect">Deadline rounds: over-selection n; every worker is asked and the first M - n arrivals are kept; default 0.</param>
/// <param name="Late">Deadline rounds: what happens to a late upload; default drop.</param>
/// <param name="Buffer">Buffered: the arrivals per server update (K), or null for the other kinds.</param>
/// <param name="Damping">Asynchronous and buffered: the staleness damping; default none.</param>
public sealed record ScenarioProtocol(
    ProtocolKind Kind,
    SimTime? Deadline = null,
    int? Fastest = null,
    int OverSelect = 0,
    LateUploads Late = LateUploads.Drop,
    int? Buffer = null,
    StalenessDamping Damping = StalenessDamping.None)
{
    /// <summary>Today's protocol: every round waits for every asked worker.</summary>
    public static ScenarioProtocol Synchronous { get; } = new(ProtocolKind.Synchronous);

    /// <summary>Whether when an upload arrives decides which gradients the model is built from (every kind but
    /// synchronous), so recorded decisions cannot be re-timed on another network.</summary>
    public bool DecisionsDependOnTime => Kind != ProtocolKind.Synchronous;
}
