namespace Sasg.NetSim.Kernel;

/// <summary>An event that succeeds by itself a fixed delay after it is created.</summary>
/// <remarks>
/// Timeouts made by <see cref="Simulation.Timeout(SimTime)"/> come from a pool: once processed with a single process
/// waiting on it, the object is reused for a later timeout. Yield such a timeout at once and do not keep it; build one
/// with the constructor when a reference must outlive its processing.
/// </remarks>
public sealed class Timeout : Event
{
    private readonly bool _pooled;

    /// <summary>Creates a timeout that succeeds <paramref name="delay"/> after the current time (not pooled).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public Timeout(Simulation simulation, SimTime delay)
        : this(simulation, pooled: false)
    {
        Delay = delay;
        Simulation.Schedule(this, delay, EventPriority.Normal);
    }

    private Timeout(Simulation simulation, bool pooled)
        : base(simulation)
    {
        _pooled = pooled;
    }

    /// <summary>The delay this timeout was created with.</summary>
    public SimTime Delay { get; private set; }

    internal static Timeout CreatePooled(Simulation simulation) => new(simulation, pooled: true);

    // A recycled timeout is known to be pending and of this simulation, so only the delay needs checking.
    internal void Arm(SimTime delay)
    {
        ResetForReuse();
        Delay = delay;
        MarkTriggered();
        Simulation.ScheduleTriggered(this, delay);
    }

    /// <inheritdoc/>
    internal override void Fire()
    {
        // Only a timeout whose sole waiter was a process is recycled: the process has moved on to its next event,
        // and no condition or second waiter can look at this object again.
        var recycle = _pooled && HasSingleProcessListener;
        base.Fire();
        if (recycle)
        {
            Simulation.ReturnTimeout(this);
        }
    }
}
