using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>
/// A synchronous parameter-server round model: the closed form (<see cref="ParameterServerRound"/>, the fast path) or
/// the event-driven network (<see cref="EventDrivenRound"/>, which also follows capacity schedules). Both give the
/// same <see cref="RoundTiming"/> on fixed-rate links, to the nanosecond.
/// </summary>
public interface IRoundNetwork
{
    /// <summary>The links and the server's ingress.</summary>
    StarTopology Topology { get; }

    /// <summary>The workers' compute model.</summary>
    ComputeModel Compute { get; }

    /// <summary>The server's side of the round.</summary>
    ParameterServerOptions Options { get; }

    /// <summary>The times of the round simulated last (one reused instance).</summary>
    RoundTiming LastRound { get; }

    /// <summary>Simulates round <paramref name="round"/> starting at <paramref name="start"/>; returns its times.</summary>
    /// <returns>The reused timing object, valid until the next call.</returns>
    RoundTiming RunRound(int round, SimTime start, IRoundPlan plan);

    /// <summary>Simulates <paramref name="rounds"/> rounds from time zero.</summary>
    /// <param name="plan">The workers' decisions.</param>
    /// <param name="rounds">The number of rounds.</param>
    /// <param name="onRoundCompleted">Called after each round with its times (the reused instance).</param>
    ParameterServerRunSummary Run(IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null);
}
