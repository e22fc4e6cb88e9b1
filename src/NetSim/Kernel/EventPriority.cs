namespace Sasg.NetSim.Kernel;

/// <summary>The second key of the calendar: among events due at the same time, lower values are processed first.</summary>
/// <remarks>
/// Events with equal time and priority are processed in the order they were scheduled. Values must lie within
/// -128..127 (the calendar packs them into 8 bits).
/// </remarks>
public enum EventPriority : short
{
    /// <summary>Before normal events at the same time (process starts use it).</summary>
    Urgent = -1,

    /// <summary>The default priority.</summary>
    Normal = 0,

    /// <summary>After normal events at the same time.</summary>
    Low = 1,
}
