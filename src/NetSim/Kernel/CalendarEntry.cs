namespace Sasg.NetSim.Kernel;

/// <summary>One calendar slot: the ordering key and the index of the event in the calendar's event table.</summary>
/// <remarks>
/// The entry holds no object reference, so moving entries in the heap costs no GC write barrier. <see cref="Key"/>
/// packs the priority (high 16 bits, offset to be unsigned) and the insertion sequence (low 48 bits), so one
/// unsigned comparison orders (priority, sequence).
/// </remarks>
internal struct CalendarEntry
{
    public long Time;
    public ulong Key;
    public int Slot;
}
