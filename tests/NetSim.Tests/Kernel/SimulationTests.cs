using Sasg.NetSim.Kernel;
using Timeout = Sasg.NetSim.Kernel.Timeout;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class SimulationTests
{
    [Test]
    public void Timeout_ResumesTheProcessAfterTheDelay()
    {
        var simulation = new Simulation();
        var resumedAt = new List<long>();

        simulation.Process(Wait());
        simulation.Run();

        Assert.That(resumedAt, Is.EqualTo(new[] { 5L, 12L }));

        IEnumerable<Event> Wait()
        {
            yield return simulation.Timeout(SimTime.FromNanoseconds(5));
            resumedAt.Add(simulation.Now.Nanoseconds);
            yield return new Timeout(simulation, SimTime.FromNanoseconds(7));
            resumedAt.Add(simulation.Now.Nanoseconds);
        }
    }

    [Test]
    public void Run_WithEqualTimes_ResumesProcessesInSchedulingOrder()
    {
        var simulation = new Simulation();
        var order = new List<string>();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            simulation.Process(Tick(name), name);
        }

        simulation.Run();

        Assert.That(string.Concat(order), Is.EqualTo("abcdabcd"));

        IEnumerable<Event> Tick(string name)
        {
            for (var i = 0; i < 2; i++)
            {
                yield return simulation.Timeout(SimTime.FromNanoseconds(10));
                order.Add(name);
            }
        }
    }

    [Test]
    public void Schedule_WithUrgentPriority_RunsBeforeNormalEventsOfTheSameInstant()
    {
        var simulation = new Simulation();
        var normal = simulation.Event();
        var urgent = simulation.Event();
        var order = new List<string>();
        simulation.Process(WaitOn(normal, "normal"));
        simulation.Process(WaitOn(urgent, "urgent"));
        simulation.Run();

        simulation.Schedule(normal, SimTime.FromNanoseconds(3));
        simulation.Schedule(urgent, SimTime.FromNanoseconds(3), EventPriority.Urgent);
        simulation.Run();

        Assert.That(order, Is.EqualTo(new[] { "urgent", "normal" }));

        IEnumerable<Event> WaitOn(Event item, string name)
        {
            yield return item;
            order.Add(name);
        }
    }

    [Test]
    public void RunUntil_ProcessesOnlyEventsStrictlyBefore_AndSetsTheClock()
    {
        var simulation = new Simulation();
        var early = new Timeout(simulation, SimTime.FromNanoseconds(9));
        var atBoundary = new Timeout(simulation, SimTime.FromNanoseconds(10));

        simulation.Run(SimTime.FromNanoseconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(early.IsProcessed, Is.True);
            Assert.That(atBoundary.IsProcessed, Is.False);
            Assert.That(simulation.Now.Nanoseconds, Is.EqualTo(10));
            Assert.That(simulation.ScheduledEvents, Is.EqualTo(1));
        }
    }

    [Test]
    public void RunUntil_BeforeNow_ThrowsNamingTheArgument()
    {
        var simulation = new Simulation();
        simulation.Run(SimTime.FromNanoseconds(10));

        Assert.That(
            () => simulation.Run(SimTime.FromNanoseconds(5)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("until"));
    }

    [Test]
    public void Schedule_WithNegativeDelay_ThrowsNamingTheArgument()
    {
        var simulation = new Simulation();

        Assert.That(
            () => simulation.Timeout(SimTime.FromNanoseconds(-1)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("delay"));
    }

    [Test]
    public void Succeed_Twice_Throws()
    {
        var simulation = new Simulation();
        var item = simulation.Event();
        item.Succeed();

        Assert.That(() => item.Succeed(), Throws.InvalidOperationException);
    }

    [Test]
    public void Step_ProcessesOneEventAtATime()
    {
        var simulation = new Simulation();
        var first = new Timeout(simulation, SimTime.FromNanoseconds(1));
        var second = new Timeout(simulation, SimTime.FromNanoseconds(2));

        var stepped = simulation.Step();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stepped, Is.True);
            Assert.That(first.IsProcessed, Is.True);
            Assert.That(second.IsProcessed, Is.False);
            Assert.That(simulation.Step(), Is.True);
            Assert.That(simulation.Step(), Is.False);
            Assert.That(simulation.ProcessedEvents, Is.EqualTo(2));
        }
    }

    [Test]
    public void PooledTimeouts_InSteadyState_AllocateNothingPerEvent()
    {
        var simulation = new Simulation();
        for (var i = 0; i < 100; i++)
        {
            simulation.Process(Loop(i + 1));
        }

        simulation.Run(SimTime.FromNanoseconds(10_000));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var eventsBefore = simulation.ProcessedEvents;

        simulation.Run(SimTime.FromNanoseconds(1_000_000));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(simulation.ProcessedEvents - eventsBefore, Is.GreaterThan(100_000));
            Assert.That(allocated, Is.Zero);
        }

        IEnumerable<Event> Loop(int period)
        {
            while (true)
            {
                yield return simulation.Timeout(SimTime.FromNanoseconds(period));
            }
        }
    }
}
