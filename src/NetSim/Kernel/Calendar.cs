using System.Runtime.CompilerServices;

namespace Sasg.NetSim.Kernel;

/// <summary>The future event list: a 4-ary min-heap keyed by (time, priority, insertion sequence).</summary>
/// <remarks>
/// The sequence is part of the key, so events with equal time and priority pop in insertion order on every run.
/// Events are referenced by slot index; freed slots are reused, so a steady state allocates nothing.
/// </remarks>
internal sealed class Calendar
{
    private const ulong MaxSequence = (1UL << 48) - 1;

    private CalendarEntry[] _heap = new CalendarEntry[64];
    private Event?[] _events = new Event?[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsUsed;
    private int _count;
    private ulong _sequence;

    /// <summary>The number of scheduled events.</summary>
    public int Count => _count;

    /// <summary>The time of the earliest event; only valid when <see cref="Count"/> is positive.</summary>
    public long PeekTime => _heap[0].Time;

    /// <summary>Adds <paramref name="item"/> at <paramref name="time"/> with <paramref name="priority"/>.</summary>
    public void Push(long time, EventPriority priority, Event item)
    {
        var sequence = _sequence++;
        if (sequence > MaxSequence)
        {
            throw new InvalidOperationException("The calendar has scheduled 2^48 events; the sequence would wrap.");
        }

        var slot = RentSlot();
        _events[slot] = item;
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new CalendarEntry
        {
            Time = time,
            Key = ((ulong)(ushort)((int)priority + 32768) << 48) | sequence,
            Slot = slot,
        };
        SiftUp(_count++, entry);
    }

    /// <summary>Removes and returns the earliest event; only valid when <see cref="Count"/> is positive.</summary>
    public Event Pop(out long time)
    {
        var heap = _heap;
        var root = heap[0];
        var last = heap[--_count];
        if (_count > 0)
        {
            SiftDown(last);
        }

        time = root.Time;
        var item = _events[root.Slot]!;
        _events[root.Slot] = null;
        _freeSlots[_freeCount++] = root.Slot;
        return item;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in CalendarEntry a, in CalendarEntry b)
    {
        return a.Time < b.Time || (a.Time == b.Time && a.Key < b.Key);
    }

    private int RentSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }

        if (_slotsUsed == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
            Array.Resize(ref _freeSlots, _freeSlots.Length * 2);
        }

        return _slotsUsed++;
    }

    private void SiftUp(int index, CalendarEntry entry)
    {
        var heap = _heap;
        while (index > 0)
        {
            var parent = (index - 1) >> 2;
            if (!Less(entry, heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = entry;
    }

    // Moves the hole left at the root down to where `entry` (the former last element) belongs.
    private void SiftDown(CalendarEntry entry)
    {
        var heap = _heap;
        var count = _count;
        var index = 0;
        while (true)
        {
            var first = (index << 2) + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, count);
            for (var child = first + 1; child < end; child++)
            {
                if (Less(heap[child], heap[best]))
                {
                    best = child;
                }
            }

            if (!Less(heap[best], entry))
            {
                break;
            }

            heap[index] = heap[best];
            index = best;
        }

        heap[index] = entry;
    }
}
