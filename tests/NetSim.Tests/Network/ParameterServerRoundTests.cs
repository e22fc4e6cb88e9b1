using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class ParameterServerRoundTests
{
    private static readonly SimTime D = SimTime.FromMicroseconds(500);

    [Test]
    public void SequentialPush_SimultaneousUploads_FinishAtLatencyPlusPrefixSumsOfSerializationTimes()
    {
        const int workers = 5;
        var uplink = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.FromBytes(66));
        var model = Round(StarTopology.Homogeneous(workers, uplink), IngressPolicy.SequentialPush);
        var serialization = 8L * (1_000_000 + 66);

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(workers, DataSize.FromMegabytes(1), SimTime.Zero));

        var ends = Enumerable.Range(0, workers).Select(w => timing[w].ReceiveEnd.Nanoseconds);
        var expected = Enumerable.Range(1, workers).Select(k => D.Nanoseconds + (k * serialization));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ends, Is.EqualTo(expected));
            Assert.That(timing.End.Nanoseconds, Is.EqualTo(D.Nanoseconds + (workers * serialization)));
        }
    }

    [Test]
    public void SequentialPush_StaggeredArrivals_QueueOnlyWhileTheIngressIsBusy()
    {
        // Worker w finishes computing at w * 5 ms; each upload takes 8 ms at the ingress.
        var star = StarTopology.Homogeneous(3, new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero));
        var model = Round(star, IngressPolicy.SequentialPush, new ComputeModel([0.0001, 5.0, 10.0]));
        var plan = FixedRoundPlan.AllUpload(3, DataSize.FromMegabytes(1), SimTime.FromMilliseconds(1));

        var timing = model.RunRound(0, SimTime.Zero, plan);

        var starts = Enumerable.Range(0, 3).Select(w => timing[w].ReceiveStart.Nanoseconds).ToArray();
        Assert.That(starts, Is.EqualTo(new[] { 100 + D.Nanoseconds, 100 + D.Nanoseconds + 8_000_000, 100 + D.Nanoseconds + 16_000_000 }));
    }

    [Test]
    public void SequentialPull_EachUploadCostsRequestLatencyPlusTransferPlusUploadLatency()
    {
        const int workers = 4;
        var link = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero);
        var model = Round(
            StarTopology.Homogeneous(workers, link, link),
            IngressPolicy.SequentialPull,
            options: new ParameterServerOptions { Ingress = IngressPolicy.SequentialPull, RequestSize = DataSize.Zero });
        var transfer = 8_000_000L;

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(workers, DataSize.FromMegabytes(1), SimTime.Zero));

        var ends = Enumerable.Range(0, workers).Select(w => timing[w].ReceiveEnd.Nanoseconds);
        var expected = Enumerable.Range(1, workers).Select(k => k * ((2 * D.Nanoseconds) + transfer));
        Assert.That(ends, Is.EqualTo(expected));
    }

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(10)]
    public void FairShare_EqualFlows_FinishTogetherAtTheAnalyticTime(int workers)
    {
        var uplink = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero);
        var model = Round(StarTopology.Homogeneous(workers, uplink), IngressPolicy.FairShare);
        var bits = 8L * 1_000_000;

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(workers, DataSize.FromMegabytes(1), SimTime.Zero));

        // Each of M flows gets C / M, so each needs M * bits / C seconds: at 1 Gbit/s, M * bits nanoseconds.
        var ends = Enumerable.Range(0, workers).Select(w => timing[w].ReceiveEnd.Nanoseconds);
        Assert.That(ends, Is.All.EqualTo(D.Nanoseconds + (workers * bits)));
    }

    [Test]
    public void FairShare_LateArrival_SharesFromItsArrivalOn()
    {
        // A (worker 0) starts at 0, B (worker 1) at 2 us; 1,000 B each at 1 Gbit/s (1 bit per ns).
        // A alone sends 2,000 bits, then both get 0.5 bit/ns: A's last 6,000 bits end at 14 us, B's last 2,000 at 16 us.
        var star = StarTopology.Homogeneous(2);
        var model = Round(star, IngressPolicy.FairShare, new ComputeModel([0.0001, 1.0]));
        var plan = FixedRoundPlan.AllUpload(2, DataSize.FromKilobytes(1), SimTime.FromMicroseconds(2));

        var timing = model.RunRound(0, SimTime.Zero, plan);

        Assert.That(new[] { timing[0].ReceiveEnd.Nanoseconds, timing[1].ReceiveEnd.Nanoseconds }, Is.EqualTo(new[] { 14_000L, 16_000L }));
    }

    [Test]
    public void FairShare_FlowCappedByItsUplink_LeavesTheRestToTheOthers()
    {
        // Max-min: the 100 Mbit/s uplink keeps 100 Mbit/s, the other flow gets the remaining 900 Mbit/s.
        var star = new StarTopology(
            [new Link(Bandwidth.FromMegabitsPerSecond(100)), new Link(Bandwidth.FromGigabitsPerSecond(1))],
            [Link.Default, Link.Default],
            Bandwidth.FromGigabitsPerSecond(1));
        var model = Round(star, IngressPolicy.FairShare);
        var plan = FixedRoundPlan.Repeating([
            WorkerAction.Upload(DataSize.FromBytes(125_000), SimTime.Zero),
            WorkerAction.Upload(DataSize.FromBytes(900_000), SimTime.Zero),
        ]);

        var timing = model.RunRound(0, SimTime.Zero, plan);

        // 1 Mbit at 100 Mbit/s = 10 ms; 7.2 Mbit at 900 Mbit/s = 8 ms.
        Assert.That(new[] { timing[0].ReceiveEnd.Nanoseconds, timing[1].ReceiveEnd.Nanoseconds }, Is.EqualTo(new[] { 10_000_000L, 8_000_000L }));
    }

    [Test]
    public void Unlimited_UploadsAreLimitedOnlyByTheirUplinks()
    {
        var uplink = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero);
        var model = Round(StarTopology.Homogeneous(8, uplink), IngressPolicy.Unlimited);

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(8, DataSize.FromMegabytes(1), SimTime.Zero));

        Assert.That(Enumerable.Range(0, 8).Select(w => timing[w].ReceiveEnd.Nanoseconds), Is.All.EqualTo(D.Nanoseconds + 8_000_000));
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 2)]
    [TestCase(4, 3)]
    [TestCase(7, 3)]
    [TestCase(8, 4)]
    [TestCase(100, 7)]
    public void BinomialTree_TakesCeilLog2OfMPlusOneSteps(int workers, int depth)
    {
        var options = new ParameterServerOptions { Broadcast = BroadcastMode.BinomialTree, ModelSize = DataSize.FromKilobytes(1) };
        var model = new ParameterServerRound(StarTopology.Homogeneous(workers), ComputeModel.Uniform(workers), options);

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating(
            Enumerable.Repeat(WorkerAction.Skip(SimTime.Zero), workers).ToArray()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(timing.BroadcastDepth, Is.EqualTo(depth));
            Assert.That(depth, Is.EqualTo((int)Math.Ceiling(Math.Log2(workers + 1))));
            Assert.That(timing.BroadcastDone.Nanoseconds, Is.EqualTo(depth * 8_000L));
        }
    }

    [Test]
    public void Broadcast_ParallelAndSequential_MatchTheirClosedForms()
    {
        var downlink = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero);
        var star = StarTopology.Homogeneous(5, downlink: downlink);
        var skip = FixedRoundPlan.Repeating(Enumerable.Repeat(WorkerAction.Skip(SimTime.Zero), 5).ToArray());

        var parallel = new ParameterServerRound(star, ComputeModel.Uniform(5), new() { ModelSize = DataSize.FromKilobytes(1) })
            .RunRound(0, SimTime.Zero, skip).BroadcastDone.Nanoseconds;
        var sequential = new ParameterServerRound(
                star, ComputeModel.Uniform(5), new() { ModelSize = DataSize.FromKilobytes(1), Broadcast = BroadcastMode.Sequential })
            .RunRound(0, SimTime.Zero, skip).BroadcastDone.Nanoseconds;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parallel, Is.EqualTo(D.Nanoseconds + 8_000));
            Assert.That(sequential, Is.EqualTo(D.Nanoseconds + (5 * 8_000)));
        }
    }

    [Test]
    public void Round_WithSkipsRequestsAndAggregation_ReportsEveryTime()
    {
        var link = new Link(Bandwidth.FromGigabitsPerSecond(1), D, DataSize.Zero);
        var options = new ParameterServerOptions
        {
            ModelSize = DataSize.FromKilobytes(1),
            RequestSize = DataSize.FromBytes(125),
            AggregationTime = SimTime.FromMicroseconds(3),
        };
        var model = new ParameterServerRound(StarTopology.Homogeneous(2, link, link), ComputeModel.Uniform(2), options);
        var plan = FixedRoundPlan.Repeating([
            WorkerAction.Upload(DataSize.FromKilobytes(1), SimTime.FromMicroseconds(1), needsServerRequest: true),
            WorkerAction.Skip(SimTime.FromMicroseconds(10)),
        ]);

        var timing = model.RunRound(0, SimTime.FromMilliseconds(1), plan);

        var modelAt = 1_000_000 + 500_000 + 8_000L;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(timing[0].ModelReceived.Nanoseconds, Is.EqualTo(modelAt));
            Assert.That(timing[0].ComputeEnd.Nanoseconds, Is.EqualTo(modelAt + 1_000));
            Assert.That(timing[0].RequestReceived?.Nanoseconds, Is.EqualTo(modelAt + 1_000));
            Assert.That(timing[0].ReceiveEnd.Nanoseconds, Is.EqualTo(modelAt + 1_000 + 500_000 + 8_000));
            Assert.That(timing[1].Uploaded, Is.False);
            Assert.That(timing[1].RequestReceived, Is.Null);
            Assert.That(timing[1].Reported.Nanoseconds, Is.EqualTo(modelAt + 10_000 + 500_000));
            Assert.That(timing.AggregationStart.Nanoseconds, Is.EqualTo(modelAt + 510_000));
            Assert.That(timing.End.Nanoseconds, Is.EqualTo(modelAt + 513_000));
            Assert.That(timing.UploadCount, Is.EqualTo(1));
        }
    }

    [Test]
    public void Start_AsAKernelProcess_GivesTheSameTimesAsTheFastPath()
    {
        var star = StarTopology.Homogeneous(6, new Link(Bandwidth.FromMegabitsPerSecond(100), D, DataSize.FromBytes(66)));
        var compute = new ComputeModel([1, 1.5, 2, 1, 3, 1], StragglerNoise.LogNormal(-0.02, 0.2), seed: 9);
        var compute2 = new ComputeModel([1, 1.5, 2, 1, 3, 1], StragglerNoise.LogNormal(-0.02, 0.2), seed: 9);
        var plan = FixedRoundPlan.AllUpload(6, DataSize.FromKilobytes(40), SimTime.FromMilliseconds(2));
        var fastEnds = new List<long>();
        var processEnds = new List<long>();
        var simulation = new Simulation();

        var summary = Round(star, IngressPolicy.FairShare, compute).Run(plan, 20, t => fastEnds.Add(t.End.Nanoseconds));
        var process = Round(star, IngressPolicy.FairShare, compute2)
            .Start(simulation, plan, 20, t => processEnds.Add(simulation.Now.Nanoseconds));
        simulation.Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(processEnds, Is.EqualTo(fastEnds));
            Assert.That(process.IsProcessed, Is.True);
            Assert.That(summary.End.Nanoseconds, Is.EqualTo(fastEnds[^1]));
            Assert.That(summary.Uploads, Is.EqualTo(120));
        }
    }

    [Test]
    public void Constructor_WithMismatchedComputeModel_ThrowsNamingTheField()
    {
        Assert.That(
            () => new ParameterServerRound(StarTopology.Homogeneous(3), ComputeModel.Uniform(2), new ParameterServerOptions()),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("compute"));
    }

    [Test]
    public void Constructor_WithUndefinedPolicy_ThrowsNamingTheField()
    {
        Assert.That(
            () => new ParameterServerRound(
                StarTopology.Homogeneous(1), ComputeModel.Uniform(1), new ParameterServerOptions { Ingress = (IngressPolicy)42 }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("Ingress"));
    }

    private static ParameterServerRound Round(
        StarTopology star, IngressPolicy policy, ComputeModel? compute = null, ParameterServerOptions? options = null)
    {
        return new ParameterServerRound(
            star, compute ?? ComputeModel.Uniform(star.WorkerCount), options ?? new ParameterServerOptions { Ingress = policy });
    }
}
