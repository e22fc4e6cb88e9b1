namespace Sasg.NetSim.Kernel;

/// <summary>Succeeds once every one of its events has been processed; fails with the first failure.</summary>
public sealed class AllOf : Condition
{
    /// <summary>Waits on <paramref name="events"/>; with none it succeeds at once.</summary>
    /// <exception cref="ArgumentException">An event belongs to another simulation.</exception>
    public AllOf(Simulation simulation, params IEnumerable<Event> events)
        : base(simulation, events)
    {
    }

    /// <inheritdoc/>
    private protected override bool IsMet(int processedCount, int total) => processedCount == total;
}
