namespace Sasg.NetSim.Kernel;

/// <summary>The life of an event: pending, then triggered (on the calendar), then processed (listeners resumed).</summary>
public enum EventState
{
    /// <summary>Not yet triggered; listeners may still be added.</summary>
    Pending,

    /// <summary>Scheduled on the calendar with its outcome fixed.</summary>
    Triggered,

    /// <summary>Taken off the calendar; its listeners have been resumed.</summary>
    Processed,
}
