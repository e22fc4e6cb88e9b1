using System.Runtime.CompilerServices;

namespace Sasg.NetSim.Kernel;

/// <summary>The future event list: a 4-ary min-heap keyed by (time, priority, insertion sequence).</summary>
/// <remarks>
/// The sequence is part of the key, so events with equal time and priority pop in insertion order on every run.
/// Events are referenced by slot index; freed slots are reused, so a steady state allocates nothing. The sequence
/// has 24 bits; when it runs out, the pending entries are renumbered in their current order (a sorted array is a
/// valid heap), which keeps every comparison exact and costs O(n log n) once per 16 M insertions.
/// </remarks>
internal sealed class Calendar
{
    private readonly uint _sequenceLimit;

    private CalendarEntry[] _heap = new CalendarEntry[64];
    private Event?[] _events = new Event?[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsUsed;
    private int _count;
    private uint _sequence;

    /// <summary>Creates an empty calendar; <paramref name="sequenceBits"/> is lowered only by tests of renumbering.</summary>
    public Calendar(int sequenceBits = 24)
    {
        _sequenceLimit = 1u << sequenceBits;
    }

    /// <summary>The number of scheduled events.</summary>
    public int Count => _count;

    /// <summary>The time of the earliest event; only valid when <see cref="Count"/> is positive.</summary>
    public long PeekTime => _heap[0].Time;

    /// <summary>Adds <paramref name="item"/> at <paramref name="time"/> with <paramref name="priority"/>.</summary>
    public void Push(long time, EventPriority priority, Event item)
    {
        if (_sequence == _sequenceLimit)
        {
            Renumber();
        }

        var sequence = _sequence++;

        var slot = RentSlot();
        _events[slot] = item;
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new CalendarEntry
        {
            Time = time,
            Order = ((uint)((int)priority + 128) << 24) | sequence,
            Slot = slot,
        };
        SiftUp(_count++, entry);
    }

    /// <summary>Removes and returns the earliest event; only valid when <see cref="Count"/> is positive.</summary>
    public Event Pop(out long time)
    {
        var root = _heap[0];
        var count = --_count;
        if (count > 0)
        {
            RemoveRoot(count);
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
        // Non-short-circuit operators: the outcome is data-dependent and unpredictable, so no branch is better.
        return (a.Time < b.Time) | ((a.Time == b.Time) & (a.Order < b.Order));
    }

    private void Renumber()
    {
        if (_count >= _sequenceLimit)
        {
            throw new InvalidOperationException($"The calendar holds {_count} events; at most {_sequenceLimit - 1} may be pending.");
        }

        var pending = _heap.AsSpan(0, _count);
        pending.Sort(static (a, b) => Less(a, b) ? -1 : Less(b, a) ? 1 : 0);
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i].Order = (pending[i].Order & 0xFF00_0000u) | (uint)i;
        }

        _sequence = (uint)_count;
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

    // Floyd's bottom-up deletion: walk the hole at the root down to a leaf along the smallest children (three
    // comparisons per level in a tournament), then sift the former last entry up from there. The last entry is
    // usually late, so it rarely climbs; this saves the comparison against it on every level on the way down.
    private void RemoveRoot(int count)
    {
        var heap = _heap;
        var last = heap[count];
        var index = 0;
        while (true)
        {
            var first = (index << 2) + 1;
            int best;
            if (first + 3 < count)
            {
                var low = Less(heap[first + 1], heap[first]) ? first + 1 : first;
                var high = Less(heap[first + 3], heap[first + 2]) ? first + 3 : first + 2;
                best = Less(heap[high], heap[low]) ? high : low;
            }
            else if (first < count)
            {
                best = first;
                for (var child = first + 1; child < count; child++)
                {
                    if (Less(heap[child], heap[best]))
                    {
                        best = child;
                    }
                }
            }
            else
            {
                break;
            }

            heap[index] = heap[best];
            index = best;
        }

        SiftUp(index, last);
    }
}
