namespace Sasg.NetSim.Protocols;

/// <summary>A protocol process (<see cref="DeadlineRounds"/>, <see cref="FreeRunningServer"/>): runs the workers and the
/// server on its network's simulation from its current time, asking <see cref="IProtocolPlan"/> what happens.</summary>
public interface IProtocolProcess
{
    /// <summary>Runs until the plan stops it or the protocol can make no more updates.</summary>
    ProtocolRunSummary Run(IProtocolPlan plan);
}
