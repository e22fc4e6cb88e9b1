namespace Sasg.NetSim.Kernel;

/// <summary>Something resumed when an event it waits on is processed (a process or a condition).</summary>
internal interface IEventListener
{
    /// <summary>Called once, when <paramref name="processed"/> leaves the calendar.</summary>
    void OnProcessed(Event processed);
}
