using System.Diagnostics.CodeAnalysis;

namespace Sasg.NetSim.Kernel;

/// <summary>
/// Something that happens at one simulated instant: pending, then triggered (with success or failure), then processed,
/// when every process and condition waiting on it is resumed.
/// </summary>
/// <remarks>A process waits on an event by yielding it; the event may be triggered by anyone with a reference.</remarks>
[SuppressMessage("Naming", "CA1716", Justification = "Event is the domain name (SimPy, SimSharp); C# is the only consumer.")]
public class Event
{
    private IEventListener? _listener;
    private List<IEventListener>? _moreListeners;

    /// <summary>Creates a pending event of <paramref name="simulation"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    public Event(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        Simulation = simulation;
    }

    /// <summary>The simulation whose calendar this event uses.</summary>
    public Simulation Simulation { get; }

    /// <summary>Where the event is in its life.</summary>
    public EventState State { get; private protected set; }

    /// <summary>Whether the event has been triggered (it is on the calendar or already processed).</summary>
    public bool IsTriggered => State != EventState.Pending;

    /// <summary>Whether the event has been processed and its listeners resumed.</summary>
    public bool IsProcessed => State == EventState.Processed;

    /// <summary>Whether the event succeeded (true until it is failed).</summary>
    public bool IsOk => Exception is null;

    /// <summary>The failure, or null when the event succeeded or is pending.</summary>
    public Exception? Exception { get; private set; }

    internal bool HasSingleProcessListener => _moreListeners is null && _listener is Process;

    /// <summary>Triggers the event successfully now; it is processed after earlier-scheduled events of this instant.</summary>
    /// <exception cref="InvalidOperationException">The event was already triggered.</exception>
    public void Succeed(EventPriority priority = EventPriority.Normal)
    {
        Simulation.Schedule(this, SimTime.Zero, priority);
    }

    /// <summary>Triggers the event as failed now; processes waiting on it fail with <paramref name="exception"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The event was already triggered.</exception>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        EnsurePending();
        Exception = exception;
        Simulation.Schedule(this, SimTime.Zero, EventPriority.Normal);
    }

    internal void EnsurePending()
    {
        if (State != EventState.Pending)
        {
            throw new InvalidOperationException($"The event was already {State.ToString().ToLowerInvariant()}.");
        }
    }

    internal void MarkTriggered() => State = EventState.Triggered;

    internal void AddListener(IEventListener listener)
    {
        if (State == EventState.Processed)
        {
            throw new InvalidOperationException("A processed event cannot be waited on.");
        }

        if (_listener is null)
        {
            _listener = listener;
        }
        else
        {
            (_moreListeners ??= []).Add(listener);
        }
    }

    /// <summary>Marks the event processed and resumes its listeners in the order they started waiting.</summary>
    internal virtual void Fire()
    {
        State = EventState.Processed;
        var first = _listener;
        var more = _moreListeners;
        _listener = null;
        _moreListeners = null;
        first?.OnProcessed(this);
        if (more is not null)
        {
            foreach (var listener in more)
            {
                listener.OnProcessed(this);
            }
        }
    }

    /// <summary>Returns a recycled event to the pending state with no listeners.</summary>
    private protected void ResetForReuse()
    {
        State = EventState.Pending;
        Exception = null;
        _listener = null;
        _moreListeners = null;
    }
}
