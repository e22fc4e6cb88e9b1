using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Network;

public sealed class RoundTracerTests
{
    private static readonly Link Link = new(Bandwidth.FromMegabitsPerSecond(8), SimTime.FromMicroseconds(100), DataSize.Zero);

    private static readonly WorkerAction Upload = WorkerAction.Upload(DataSize.FromBytes(32), SimTime.FromMicroseconds(10));

    private static readonly WorkerAction Skip = WorkerAction.Skip(SimTime.FromMicroseconds(10));

    [Test]
    public void Write_RoundWithAnIdleWorker_WritesNoRecordOfThatWorkerButTheModelsBroadcast()
    {
        var sink = new RecordingSink();
        var options = new ParameterServerOptions { ModelSize = DataSize.FromBytes(16), SkipNoticeSize = DataSize.FromBytes(1) };
        var round = new ParameterServerRound(StarTopology.Homogeneous(3, Link), ComputeModel.Uniform(3), options, sink);
        // Round 0: worker 2 uploads; round 1: it is idle.
        var plan = new FixedRoundPlan([[Upload, Skip, Upload], [Upload, Skip, WorkerAction.Idle]]);

        round.Run(plan, 2);

        var worker2 = sink.Records.Where(r => r.Node == 2).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                worker2.Where(r => r.Round == 1).Select(r => r.Kind),
                Is.EqualTo(new[] { TraceKind.Broadcast }),
                "idle: the model reaches it, nothing else");
            Assert.That(
                worker2.Where(r => r.Round == 0).Select(r => r.Kind),
                Is.EqualTo(new[] { TraceKind.Broadcast, TraceKind.Compute, TraceKind.Upload, TraceKind.QueueWait, TraceKind.Receive }),
                "the same worker uploading");
            Assert.That(
                sink.Records.Where(r => r.Node == 1 && r.Round == 1).Select(r => r.Kind),
                Is.EqualTo(new[] { TraceKind.Broadcast, TraceKind.Compute, TraceKind.Skip }),
                "a skipping worker still computes and sends its notice");
            Assert.That(sink.Records.Count(r => r.Round == 1 && r.Kind == TraceKind.Round), Is.EqualTo(1));
        }
    }

    [Test]
    public void Write_EveryWorkerIdle_WritesOnlyBroadcastsAndTheServersRecords()
    {
        var sink = new RecordingSink();
        var round = new ParameterServerRound(
            StarTopology.Homogeneous(2, Link), ComputeModel.Uniform(2), new ParameterServerOptions(), sink);

        round.RunRound(0, SimTime.Zero, FixedRoundPlan.Repeating([WorkerAction.Idle, WorkerAction.Idle]));

        Assert.That(
            sink.Records.Select(r => (r.Node, r.Kind)),
            Is.EqualTo(new[]
            {
                (0, TraceKind.Broadcast), (1, TraceKind.Broadcast),
                (TraceRecord.ServerNode, TraceKind.Aggregate), (TraceRecord.ServerNode, TraceKind.Round),
            }));
    }
}
