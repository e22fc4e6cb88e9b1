namespace Sasg.NetSim.Kernel;

/// <summary>A resource with a fixed number of units, granted to requests in the order they were made.</summary>
/// <remarks>Disposing a <see cref="Request"/> releases its unit, or withdraws it from the queue if not yet granted.</remarks>
public sealed class Resource
{
    private readonly Queue<Request> _waiting = new();

    /// <summary>Creates a resource of <paramref name="capacity"/> units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than one.</exception>
    public Resource(Simulation simulation, int capacity = 1)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Simulation = simulation;
        Capacity = capacity;
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The number of units.</summary>
    public int Capacity { get; }

    /// <summary>The number of units granted and not yet released.</summary>
    public int InUse { get; private set; }

    /// <summary>The number of requests waiting for a unit.</summary>
    public int QueueLength { get; private set; }

    /// <summary>Asks for one unit; the returned request succeeds when the unit is granted.</summary>
    public Request Request()
    {
        var request = new Request(this);
        if (InUse < Capacity)
        {
            InUse++;
            request.Grant();
        }
        else
        {
            _waiting.Enqueue(request);
            QueueLength++;
        }

        return request;
    }

    internal void Withdraw(Request request)
    {
        if (request.IsGranted)
        {
            InUse--;
            GrantWaiting();
        }
        else
        {
            // Withdrawn requests stay in the queue and are skipped when they reach its head.
            QueueLength--;
        }
    }

    private void GrantWaiting()
    {
        while (InUse < Capacity && _waiting.TryDequeue(out var next))
        {
            if (next.IsWithdrawn)
            {
                continue;
            }

            QueueLength--;
            InUse++;
            next.Grant();
        }
    }
}
