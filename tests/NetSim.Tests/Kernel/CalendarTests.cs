using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class CalendarTests
{
    [FsCheck.NUnit.Property(Replay = "20251125,4711", MaxTest = 300)]
    public bool Pop_ReturnsEventsInTimePrioritySequenceOrder_AsAStableSortWould(byte[] times, sbyte[] priorities)
    {
        var simulation = new Simulation();
        var calendar = new Calendar();
        var count = Math.Min(times.Length, priorities.Length);
        var events = new Event[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new Event(simulation);
            calendar.Push(times[i], (EventPriority)priorities[i], events[i]);
        }

        // LINQ's OrderBy/ThenBy is a stable sort, so insertion order breaks the remaining ties.
        var expected = Enumerable.Range(0, count)
            .OrderBy(i => times[i])
            .ThenBy(i => priorities[i])
            .Select(i => events[i]);
        var actual = new List<Event>();
        while (calendar.Count > 0)
        {
            actual.Add(calendar.Pop(out _));
        }

        return actual.SequenceEqual(expected);
    }

    [FsCheck.NUnit.Property(Replay = "20251125,4713", MaxTest = 100)]
    public bool PushAndPop_Interleaved_NeverPopsEarlierThanAPreviousPop(byte[] operations)
    {
        var simulation = new Simulation();
        var calendar = new Calendar();
        var now = 0L;
        foreach (var operation in operations)
        {
            if (operation % 3 == 0 && calendar.Count > 0)
            {
                calendar.Pop(out long time);
                if (time < now)
                {
                    return false;
                }

                now = time;
            }
            else
            {
                calendar.Push(now + (operation % 7), EventPriority.Normal, new Event(simulation));
            }
        }

        return true;
    }

    [Test]
    public void Pop_WithEqualTimeAndPriority_ReturnsInsertionOrder()
    {
        var simulation = new Simulation();
        var calendar = new Calendar();
        var events = Enumerable.Range(0, 1000).Select(_ => new Event(simulation)).ToArray();
        foreach (var item in events)
        {
            calendar.Push(5, EventPriority.Normal, item);
        }

        var popped = Enumerable.Range(0, 1000).Select(_ => calendar.Pop(out long _)).ToArray();

        Assert.That(popped, Is.EqualTo(events));
    }

    [Test]
    public void Push_WhenTheSequenceRunsOut_RenumbersAndKeepsTheOrder()
    {
        var simulation = new Simulation();
        var calendar = new Calendar(sequenceBits: 4);
        var pending = new List<(long Time, int Index, Event Item)>();
        var popped = new List<Event>();
        var expected = new List<Event>();

        // 16 sequence numbers; 60 pushes with up to 10 pending force renumbering while events wait.
        for (var i = 0; i < 60; i++)
        {
            var item = new Event(simulation);
            calendar.Push(i % 3, EventPriority.Normal, item);
            pending.Add((i % 3, i, item));
            if (pending.Count > 10)
            {
                popped.Add(calendar.Pop(out long _));
                var next = pending.OrderBy(p => p.Time).ThenBy(p => p.Index).First();
                pending.Remove(next);
                expected.Add(next.Item);
            }
        }

        Assert.That(popped, Is.EqualTo(expected));
    }
}
