using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Protocols;

/// <summary>An event that runs an action when it is processed: a protocol's timers (compute ends, deadlines, a worker
/// going offline).</summary>
internal sealed class CallbackEvent(Simulation simulation, Action action) : Event(simulation)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="delay"/> from now.</summary>
    public static void After(Simulation simulation, SimTime delay, Action action) =>
        simulation.Schedule(new CallbackEvent(simulation, action), delay);

    internal override void Fire()
    {
        base.Fire();
        action();
    }
}
