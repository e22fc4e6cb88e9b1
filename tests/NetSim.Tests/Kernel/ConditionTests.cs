using Sasg.NetSim.Kernel;
using Timeout = Sasg.NetSim.Kernel.Timeout;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class ConditionTests
{
    [Test]
    public void AllOf_SucceedsWhenTheLastEventIsProcessed()
    {
        var simulation = new Simulation();
        long doneAt = -1;

        simulation.Process(Wait());
        simulation.Run();

        Assert.That(doneAt, Is.EqualTo(30));

        IEnumerable<Event> Wait()
        {
            yield return new AllOf(
                simulation,
                new Timeout(simulation, SimTime.FromNanoseconds(10)),
                new Timeout(simulation, SimTime.FromNanoseconds(30)),
                new Timeout(simulation, SimTime.FromNanoseconds(20)));
            doneAt = simulation.Now.Nanoseconds;
        }
    }

    [Test]
    public void AnyOf_SucceedsWithTheFirstEvent()
    {
        var simulation = new Simulation();
        long doneAt = -1;

        simulation.Process(Wait());
        simulation.Run();

        Assert.That(doneAt, Is.EqualTo(10));

        IEnumerable<Event> Wait()
        {
            yield return new AnyOf(
                simulation,
                simulation.Timeout(SimTime.FromNanoseconds(20)),
                simulation.Timeout(SimTime.FromNanoseconds(10)));
            doneAt = simulation.Now.Nanoseconds;
        }
    }

    [Test]
    public void AllOf_WithAFailedEvent_Fails()
    {
        var simulation = new Simulation();
        var failing = simulation.Event();
        var all = new AllOf(simulation, failing, new Timeout(simulation, SimTime.FromNanoseconds(5)));

        failing.Fail(new InvalidDataException("x"));
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.IsProcessed, Is.True);
            Assert.That(all.IsOk, Is.False);
            Assert.That(all.Exception, Is.TypeOf<InvalidDataException>());
        }
    }

    [Test]
    public void AllOf_WithNoEvents_SucceedsAtOnce()
    {
        var simulation = new Simulation();

        var all = new AllOf(simulation);
        simulation.Run();

        Assert.That(all.IsProcessed && all.IsOk, Is.True);
    }

    [Test]
    public void AllOf_WithAnotherSimulationsEvent_ThrowsNamingTheArgument()
    {
        var simulation = new Simulation();
        var other = new Simulation();

        Assert.That(
            () => new AllOf(simulation, other.Event()),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("events"));
    }
}
