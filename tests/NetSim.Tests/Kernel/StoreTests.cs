using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Tests.Kernel;

public sealed class StoreTests
{
    [Test]
    public void Get_WaitsForAPut_AndReturnsItemsInFifoOrder()
    {
        var simulation = new Simulation();
        var store = new Store<int>(simulation);
        var received = new List<(long Time, int Item)>();

        simulation.Process(Consumer());
        simulation.Process(Producer());
        simulation.Run();

        Assert.That(received, Is.EqualTo(new[] { (5L, 1), (5L, 2), (9L, 3) }));

        IEnumerable<Event> Producer()
        {
            yield return simulation.Timeout(SimTime.FromNanoseconds(5));
            yield return store.Put(1);
            yield return store.Put(2);
            yield return simulation.Timeout(SimTime.FromNanoseconds(4));
            yield return store.Put(3);
        }

        IEnumerable<Event> Consumer()
        {
            for (var i = 0; i < 3; i++)
            {
                var get = store.Get();
                yield return get;
                received.Add((simulation.Now.Nanoseconds, get.Value));
            }
        }
    }

    [Test]
    public void Put_WhenFull_WaitsUntilAGetMakesRoom()
    {
        var simulation = new Simulation();
        var store = new Store<string>(simulation, capacity: 1);
        var first = store.Put("x");
        var second = store.Put("y");
        simulation.Run();
        var blockedBeforeGet = !second.IsTriggered;

        var get = store.Get();
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.IsProcessed, Is.True);
            Assert.That(blockedBeforeGet, Is.True);
            Assert.That(second.IsProcessed, Is.True);
            Assert.That(get.Value, Is.EqualTo("x"));
            Assert.That(store.Count, Is.EqualTo(1));
        }
    }

    [Test]
    public void Value_OfAPendingGet_Throws()
    {
        var store = new Store<int>(new Simulation());

        var get = store.Get();

        Assert.That(() => get.Value, Throws.InvalidOperationException);
    }
}
