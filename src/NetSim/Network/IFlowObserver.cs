using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>Watches a <see cref="FlowNetwork"/> (<see cref="FlowNetwork.Observer"/>): observation only, it must not
/// start or abort transfers, and what it sees never changes what is simulated.</summary>
public interface IFlowObserver
{
    /// <summary><paramref name="transfer"/> was started now.</summary>
    void Started(Transfer transfer);

    /// <summary><paramref name="transfer"/> was delivered or aborted now (<see cref="Transfer.Aborted"/>).</summary>
    void Ended(Transfer transfer);

    /// <summary>The network has settled its rates at the current instant (after its wake-up's work).</summary>
    void Settled();

    /// <summary>A protocol's <paramref name="worker"/> computes from <paramref name="start"/> for
    /// <paramref name="duration"/> (its turn may be lost before the end).</summary>
    void Computed(int worker, SimTime start, SimTime duration);
}
