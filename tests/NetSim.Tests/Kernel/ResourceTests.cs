using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class ResourceTests
{
    [Test]
    public void Request_WithCapacityOne_GrantsInRequestOrder_AndReleasesOnDispose()
    {
        var simulation = new Simulation();
        var resource = new Resource(simulation, capacity: 1);
        var log = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            simulation.Process(Use(name), name);
        }

        simulation.Run();

        Assert.That(log, Is.EqualTo(new[] { "a@0", "b@10", "c@20" }));

        IEnumerable<Event> Use(string name)
        {
            using var request = resource.Request();
            yield return request;
            log.Add($"{name}@{simulation.Now.Nanoseconds}");
            yield return simulation.Timeout(SimTime.FromNanoseconds(10));
        }
    }

    [Test]
    public void Request_WithCapacityTwo_RunsTwoAtATime()
    {
        var simulation = new Simulation();
        var resource = new Resource(simulation, capacity: 2);
        var starts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            simulation.Process(Use());
        }

        simulation.Run();

        Assert.That(starts, Is.EqualTo(new long[] { 0, 0, 10, 10, 20 }));

        IEnumerable<Event> Use()
        {
            using var request = resource.Request();
            yield return request;
            starts.Add(simulation.Now.Nanoseconds);
            yield return simulation.Timeout(SimTime.FromNanoseconds(10));
        }
    }

    [Test]
    public void Dispose_OfAWaitingRequest_WithdrawsIt()
    {
        var simulation = new Simulation();
        var resource = new Resource(simulation);
        var holder = resource.Request();
        var withdrawn = resource.Request();
        var next = resource.Request();

        withdrawn.Dispose();
        holder.Dispose();
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withdrawn.IsGranted, Is.False);
            Assert.That(next.IsGranted, Is.True);
            Assert.That(resource.InUse, Is.EqualTo(1));
            Assert.That(resource.QueueLength, Is.Zero);
        }
    }

    [Test]
    public void Constructor_WithZeroCapacity_ThrowsNamingTheArgument()
    {
        Assert.That(
            () => new Resource(new Simulation(), 0),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("capacity"));
    }
}
