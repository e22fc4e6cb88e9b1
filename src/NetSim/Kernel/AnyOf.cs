namespace Sasg.NetSim.Kernel;

/// <summary>Succeeds (or fails) with the first of its events to be processed.</summary>
public sealed class AnyOf : Condition
{
    /// <summary>Waits on <paramref name="events"/>; with none it succeeds at once.</summary>
    /// <exception cref="ArgumentException">An event belongs to another simulation.</exception>
    public AnyOf(Simulation simulation, params IEnumerable<Event> events)
        : base(simulation, events)
    {
    }

    /// <inheritdoc/>
    private protected override bool IsMet(int processedCount, int total) => processedCount >= 1;
}
