using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class RunTotalsTests
{
    private static readonly WorkerAction Upload = WorkerAction.Upload(DataSize.FromBytes(32), SimTime.FromMicroseconds(10));

    private static readonly WorkerAction Skip = WorkerAction.Skip(SimTime.FromMicroseconds(10));

    [Test]
    public void Summary_WithIdleWorkers_CountsThemApartFromSkips()
    {
        var round = new ParameterServerRound(
            StarTopology.Homogeneous(4), ComputeModel.Uniform(4), new ParameterServerOptions { ModelSize = DataSize.FromBytes(16) });
        // Per round: one upload, one skip (computed, chose not to upload), two idle workers (not asked).
        var plan = FixedRoundPlan.Repeating([Upload, Skip, WorkerAction.Idle, WorkerAction.Idle]);

        var summary = round.Run(plan, 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Uploads, Is.EqualTo(3));
            Assert.That(summary.UploadsSkipped, Is.EqualTo(3));
            Assert.That(summary.IdleWorkerRounds, Is.EqualTo(6));
            Assert.That(summary.UploadedBytes, Is.EqualTo(DataSize.FromBytes(3 * 32)));
        }
    }

    [TestCase(0, 0, 4)]
    [TestCase(1, 2, 1)]
    [TestCase(0, 4, 0)]
    public void Add_OneRound_SplitsTheWorkersIntoUploadsSkipsAndIdle(int uploads, int skips, int idle)
    {
        var actions = Enumerable.Repeat(Upload, uploads)
            .Concat(Enumerable.Repeat(Skip, skips))
            .Concat(Enumerable.Repeat(WorkerAction.Idle, idle))
            .ToArray();
        var round = new ParameterServerRound(StarTopology.Homogeneous(4), ComputeModel.Uniform(4), new ParameterServerOptions());
        var totals = new RunTotals();

        totals.Add(round.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating(actions)));

        var summary = totals.Summary(1, SimTime.Zero);
        Assert.That(
            (summary.Uploads, summary.UploadsSkipped, summary.IdleWorkerRounds),
            Is.EqualTo(((long)uploads, (long)skips, (long)idle)));
    }
}
