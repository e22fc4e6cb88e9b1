namespace Sasg.NetSim.Kernel;

/// <summary>An event that waits on a fixed set of events and triggers when its rule is met.</summary>
public abstract class Condition : Event, IEventListener
{
    private readonly Event[] _events;

    private protected Condition(Simulation simulation, IEnumerable<Event> events)
        : base(simulation)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = [.. events];
        foreach (var item in _events)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(events));
            if (!ReferenceEquals(item.Simulation, simulation))
            {
                throw new ArgumentException("Every event must belong to the same simulation.", nameof(events));
            }
        }

        foreach (var item in _events)
        {
            if (item.IsProcessed)
            {
                Observe(item);
            }
            else
            {
                item.AddListener(this);
            }
        }

        if (_events.Length == 0)
        {
            Succeed();
        }
    }

    /// <summary>The events this condition waits on, in the order given.</summary>
    public IReadOnlyList<Event> Events => _events;

    /// <summary>The number of the events that have been processed.</summary>
    public int ProcessedCount { get; private set; }

    /// <summary>Whether the condition is met once <see cref="ProcessedCount"/> of the events have been processed.</summary>
    private protected abstract bool IsMet(int processedCount, int total);

    void IEventListener.OnProcessed(Event processed) => Observe(processed);

    private void Observe(Event processed)
    {
        ProcessedCount++;
        if (IsTriggered)
        {
            return;
        }

        if (!processed.IsOk)
        {
            Fail(processed.Exception!);
        }
        else if (IsMet(ProcessedCount, _events.Length))
        {
            Succeed();
        }
    }
}
