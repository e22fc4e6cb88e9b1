using Sasg.NetSim.Kernel;
using Timeout = Sasg.NetSim.Kernel.Timeout;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class ProcessTests
{
    [Test]
    public void Process_IsAnEvent_ThatAnotherProcessCanWaitFor()
    {
        var simulation = new Simulation();
        var child = simulation.Process(Sleep(40), "child");
        long joinedAt = -1;

        simulation.Process(Parent());
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(joinedAt, Is.EqualTo(40));
            Assert.That(child.IsAlive, Is.False);
            Assert.That(child.IsOk, Is.True);
        }

        IEnumerable<Event> Parent()
        {
            yield return child;
            joinedAt = simulation.Now.Nanoseconds;
        }

        IEnumerable<Event> Sleep(long nanoseconds)
        {
            yield return simulation.Timeout(SimTime.FromNanoseconds(nanoseconds));
        }
    }

    [Test]
    public void Process_WhenItThrows_RunThrowsNamingTheProcessAndTime()
    {
        var simulation = new Simulation();
        simulation.Process(Faulty(), "uploader 3");

        var exception = Assert.Throws<ProcessFailedException>(simulation.Run);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.ProcessName, Is.EqualTo("uploader 3"));
            Assert.That(exception.Time.Nanoseconds, Is.EqualTo(7));
            Assert.That(exception.Message, Does.Contain("uploader 3"));
            Assert.That(exception.InnerException, Is.TypeOf<FormatException>());
        }

        IEnumerable<Event> Faulty()
        {
            yield return simulation.Timeout(SimTime.FromNanoseconds(7));
            throw new FormatException("bad");
        }
    }

    [Test]
    public void Process_WaitingOnAFailedEvent_FailsTheRunNamingTheProcess()
    {
        var simulation = new Simulation();
        var signal = simulation.Event();
        simulation.Process(Wait(), "waiter");
        simulation.Run();

        signal.Fail(new TimeoutException("lost"));

        Assert.That(
            simulation.Run,
            Throws.TypeOf<ProcessFailedException>()
                .With.Property("ProcessName").EqualTo("waiter")
                .And.InnerException.TypeOf<TimeoutException>());

        IEnumerable<Event> Wait()
        {
            yield return signal;
        }
    }

    [Test]
    public void Process_YieldingAnAlreadyProcessedEvent_ContinuesAtOnce()
    {
        var simulation = new Simulation();
        var done = new Timeout(simulation, SimTime.FromNanoseconds(3));
        simulation.Run();
        var steps = 0;

        simulation.Process(Twice());
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(steps, Is.EqualTo(2));
            Assert.That(simulation.Now.Nanoseconds, Is.EqualTo(3));
        }

        IEnumerable<Event> Twice()
        {
            yield return done;
            steps++;
            yield return done;
            steps++;
        }
    }

    [Test]
    public void Process_WithoutName_GetsANumberedName()
    {
        var simulation = new Simulation();

        var first = simulation.Process([]);
        var second = simulation.Process([]);

        Assert.That(new[] { first.Name, second.Name }, Is.EqualTo(new[] { "process 0", "process 1" }));
    }
}
