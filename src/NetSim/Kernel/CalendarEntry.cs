namespace Sasg.NetSim.Kernel;

/// <summary>One calendar slot: the ordering key and the index of the event in the calendar's event table.</summary>
/// <remarks>
/// 16 bytes and no object reference, so a node's four children span one or two cache lines and moving entries in
/// the heap costs no GC write barrier. <see cref="Order"/> packs the priority (high 8 bits, offset to be unsigned)
/// and the insertion sequence (low 24 bits), so one unsigned comparison orders (priority, sequence).
/// </remarks>
internal struct CalendarEntry
{
    public long Time;
    public uint Order;
    public int Slot;
}
