namespace Sasg.NetSim.Kernel;

/// <summary>A first-in first-out store of items with an optional capacity; puts and gets are events.</summary>
/// <typeparam name="T">The type of the items.</typeparam>
public sealed class Store<T>
{
    private readonly Queue<T> _items = new();
    private readonly Queue<(T Item, Event Put)> _waitingPuts = new();
    private readonly Queue<Event<T>> _waitingGets = new();

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than one.</exception>
    public Store(Simulation simulation, int capacity = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Simulation = simulation;
        Capacity = capacity;
    }

    /// <summary>The simulation the store belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The largest number of items held at once.</summary>
    public int Capacity { get; }

    /// <summary>The number of items held.</summary>
    public int Count => _items.Count;

    /// <summary>Offers <paramref name="item"/>; the returned event succeeds once the store has accepted it.</summary>
    public Event Put(T item)
    {
        var put = new Event(Simulation);
        if (_waitingGets.TryDequeue(out var get))
        {
            get.Succeed(item);
            put.Succeed();
        }
        else if (_items.Count < Capacity)
        {
            _items.Enqueue(item);
            put.Succeed();
        }
        else
        {
            _waitingPuts.Enqueue((item, put));
        }

        return put;
    }

    /// <summary>Asks for the oldest item; the returned event succeeds with it once one is available.</summary>
    public Event<T> Get()
    {
        var get = new Event<T>(Simulation);
        if (_items.TryDequeue(out var item))
        {
            get.Succeed(item);
            if (_waitingPuts.TryDequeue(out var waiting))
            {
                _items.Enqueue(waiting.Item);
                waiting.Put.Succeed();
            }
        }
        else
        {
            _waitingGets.Enqueue(get);
        }

        return get;
    }
}
