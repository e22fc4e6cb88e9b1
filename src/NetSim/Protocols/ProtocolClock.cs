using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Protocols;

/// <summary>A protocol's timers (compute ends, deadlines, a worker going offline or coming back): each runs an action
/// when its event is processed, and the clock counts those not run yet, so a process knows whether anything of its
/// own is still to happen (a network's capacity schedule may keep the calendar busy forever).</summary>
internal sealed class ProtocolClock(Simulation simulation)
{
    /// <summary>The simulation.</summary>
    public Simulation Simulation { get; } = simulation;

    /// <summary>The timers scheduled and not run yet.</summary>
    public int Pending { get; private set; }

    /// <summary>Runs <paramref name="action"/> <paramref name="delay"/> from now.</summary>
    public void After(SimTime delay, Action action)
    {
        Pending++;
        Simulation.Schedule(new CallbackEvent(Simulation, () =>
        {
            Pending--;
            action();
        }), delay);
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="time"/> (ns, not before now).</summary>
    public void At(long time, Action action) => After(SimTime.FromNanoseconds(time - Simulation.Now.Nanoseconds), action);

    private sealed class CallbackEvent(Simulation simulation, Action action) : Event(simulation)
    {
        internal override void Fire()
        {
            base.Fire();
            action();
        }
    }
}
