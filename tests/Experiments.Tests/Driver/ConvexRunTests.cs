using Sasg.Experiments.Driver;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Driver;

[NonParallelizable]
public sealed class ConvexRunTests
{
    [Test]
    public void Default_ReachesTheTarget_AndLagUploadsFarLessThanGd()
    {
        var results = ConvexRun.Execute(ConvexRunOptions.Default);

        var gd = results.Single(r => r.Algorithm == "GD");
        var wk = results.Single(r => r.Algorithm == "LAG-WK");
        var ps = results.Single(r => r.Algorithm == "LAG-PS");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.ReachedTolerance), Is.All.True);
            Assert.That(gd.Uploads, Is.EqualTo(9L * gd.Iterations));
            Assert.That(gd.UploadBytes, Is.EqualTo(gd.Uploads * 50 * 8), "dense float64 uploads of 50 coordinates");
            Assert.That(wk.Uploads, Is.LessThan(gd.Uploads / 2));
            Assert.That(ps.Uploads, Is.LessThan(gd.Uploads));
            Assert.That(wk.SimulatedSeconds, Is.LessThan(gd.SimulatedSeconds));
        }
    }

    [Test]
    public void SameOptions_GiveIdenticalResults()
    {
        var first = ConvexRun.Execute(ConvexRunOptions.Default);
        var second = ConvexRun.Execute(ConvexRunOptions.Default);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void GdTime_UnderSequentialIngress_IsComputeThenSerializedUploadsEachRound()
    {
        var options = ConvexRunOptions.Default with { Algorithms = ["GD"], MaxIterations = 3, Tolerance = 0 };

        var gd = ConvexRun.Execute(options).Single();

        // Per round: model broadcast (400 B at 1 Gbit/s = 3.2 us, + 50 us latency), compute 20 us, then nine 400-byte
        // uploads received one after another (3.2 us each) after the first one's 50 us latency.
        var broadcast = 3_200 + 50_000;
        var round = broadcast + 20_000 + 50_000 + (9 * 3_200);
        Assert.That(SimTime.FromSeconds(gd.SimulatedSeconds).Nanoseconds, Is.EqualTo(3L * round).Within(3));
    }

    [Test]
    public void UnknownAlgorithm_IsAnArgumentErrorListingTheKnownOnes()
    {
        var options = ConvexRunOptions.Default with { Algorithms = ["ADAM"] };

        Assert.That(
            () => ConvexRun.Execute(options),
            Throws.ArgumentException.With.Message.Contains("ADAM").And.Message.Contains("LAG-WK"));
    }

    [Test]
    public void SlowerUplinks_TakeLongerForTheSameUploads()
    {
        var slow = ConvexRunOptions.Default with
        {
            Uplink = new Link(Bandwidth.FromBitsPerSecond(10_000_000), SimTime.FromMicroseconds(50), DataSize.Zero),
        };

        var fast = ConvexRun.Execute(ConvexRunOptions.Default);
        var slowed = ConvexRun.Execute(slow);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slowed.Select(r => r.Uploads), Is.EqualTo(fast.Select(r => r.Uploads)));
            Assert.That(slowed[0].SimulatedSeconds, Is.GreaterThan(fast[0].SimulatedSeconds * 5));
        }
    }
}
