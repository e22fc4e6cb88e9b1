using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Protocols;

/// <summary>The transfers a protocol process makes: messages between the server and one worker, started now on the
/// network's simulation and reported when their last bit is in (the event-driven star's flows).</summary>
/// <remarks>Transfers are named by ids the network hands out; an id is never reused within a run.</remarks>
public interface IProtocolNetwork
{
    /// <summary>The simulation whose clock and calendar the transfers use.</summary>
    Simulation Simulation { get; }

    /// <summary>The number of workers.</summary>
    int WorkerCount { get; }

    /// <summary>Starts an upload of <paramref name="payload"/> from <paramref name="worker"/> to the server now;
    /// <paramref name="delivered"/> runs when its last bit is in. Returns the transfer's id.</summary>
    long Upload(int worker, Network.DataSize payload, Action delivered);

    /// <summary>Starts a download of <paramref name="payload"/> from the server to <paramref name="worker"/> now;
    /// <paramref name="delivered"/> runs when its last bit is in. Returns the transfer's id.</summary>
    long Download(int worker, Network.DataSize payload, Action delivered);

    /// <summary>Cancels transfer <paramref name="transfer"/> (its worker went offline, or the server closed the round):
    /// its callback never runs. Returns the wire bytes it had sent, which are wasted; 0 for a transfer already
    /// delivered or aborted.</summary>
    long Abort(long transfer);
}
