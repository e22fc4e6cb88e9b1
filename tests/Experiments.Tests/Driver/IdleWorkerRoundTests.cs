using Sasg.Experiments.Driver;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>A worker the server did not ask (LAG-PS, LASG-PS, IAG) is idle: no compute, no message, no time added to
/// the round; round times checked in closed form.</summary>
public sealed class IdleWorkerRoundTests
{
    // 8 Mbit/s = 1 byte per microsecond; 100 us latency; worker 2's uplink has 10 ms, which a skip notice would pay.
    private static readonly Link Fast = new(Bandwidth.FromMegabitsPerSecond(8), SimTime.FromMicroseconds(100), DataSize.Zero);
    private static readonly Link SlowUp = Fast with { Latency = SimTime.FromMilliseconds(10) };

    private static readonly ParameterServerOptions Options = new()
    {
        ModelSize = DataSize.FromBytes(16),
        RequestSize = DataSize.FromBytes(64),
        SkipNoticeSize = DataSize.FromBytes(1),
        AggregationTime = SimTime.FromMicroseconds(5),
    };

    [Test]
    public void LasgPs_RoundWithNobodyAsked_LastsTheBroadcastAndAggregationOnly()
    {
        // L_m^2 = 0: after k = 0 nobody is asked until the delay bound (3) forces it at k = 3.
        var algorithm = new LasgPsAlgorithm<double>(3, new double[2], 0.1, [0.0, 0.0, 0.0], window: 10, xi: 0.1, delayBound: 3);
        var (round, plan) = Round(algorithm);

        var durations = Enumerable.Range(0, 4).Select(k => Run(round, plan, k)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Rounds.Outcomes.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload), "k = 3: forced");
            // Model: 16 B at 1 B/us + 100 us latency = 116 us; aggregation 5 us. No skip notice (10 ms on worker 2).
            Assert.That(durations[1], Is.EqualTo(SimTime.FromMicroseconds(116 + 5)));
            Assert.That(durations[2], Is.EqualTo(SimTime.FromMicroseconds(116 + 5)));
        }
    }

    [Test]
    public void CycIag_RoundWithOneWorkerAsked_LastsThatWorkersPathOnly()
    {
        var algorithm = new IagAlgorithm<double>(IagOrder.Cyclic, 3, new double[2], 0.1);
        var (round, plan) = Round(algorithm);

        var first = Run(round, plan, 0);
        var second = Run(round, plan, 1);
        var outcomes = plan.Rounds.Outcomes.ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Select(o => o.Decision), Is.EqualTo(new[] { WorkerDecision.Upload, WorkerDecision.NotRequested, WorkerDecision.NotRequested }));
            // Worker 0: model 116 us, compute 1 ms (its 64 B request arrives at 116 + 64 us, earlier), 100 us latency,
            // 16 B of dense64 at 1 B/us, aggregation 5 us. Workers 1 and 2 add nothing (worker 2's skip notice would
            // have taken 10 ms).
            Assert.That(second, Is.EqualTo(SimTime.FromMicroseconds(116 + 1_000 + 100 + 16 + 5)));
            Assert.That(first, Is.GreaterThan(SimTime.FromMilliseconds(10)), "k = 0: everyone uploads, worker 2 pays its latency");
        }
    }

    [Test]
    public void UploadOf_GivesTheRoundsUploadersPayloads_NullForTheOthers_AndOnlyForTheRoundLastAsked()
    {
        var algorithm = new IagAlgorithm<double>(IagOrder.Cyclic, 3, new double[2], 0.1);
        var (round, plan) = Round(algorithm);
        Run(round, plan, 0);
        Run(round, plan, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Rounds.UploadOf(1, 0)!.Values.Take(2), Is.EqualTo(new[] { 1.0, -1.0 }));
            Assert.That(plan.Rounds.UploadOf(1, 1), Is.Null, "not asked");
            Assert.That(plan.Rounds.UploadOf(1, 2), Is.Null, "not asked");
            Assert.That(() => plan.Rounds.UploadOf(0, 0), Throws.InvalidOperationException);
        }
    }

    private static (ParameterServerRound Round, (LearningRoundPlan<double> Rounds, SynchronousTrainer<double> Trainer) Plan) Round(
        DistributedAlgorithm<double> algorithm)
    {
        var sources = Enumerable.Range(0, algorithm.Workers).Select(_ => (IGradientSource<double>)new ConstantGradient([1.0, -1.0])).ToList();
        var trainer = new SynchronousTrainer<double>(algorithm, sources, new DenseFloat64Encoding());
        var plan = new LearningRoundPlan<double>(trainer, Enumerable.Repeat(SimTime.FromMilliseconds(1), 3).ToArray());
        var topology = new StarTopology([Fast, Fast, SlowUp], [Fast, Fast, Fast], Bandwidth.FromMegabitsPerSecond(8));
        return (new ParameterServerRound(topology, ComputeModel.Uniform(3), Options), (plan, trainer));
    }

    private static SimTime Run(
        ParameterServerRound round, (LearningRoundPlan<double> Rounds, SynchronousTrainer<double> Trainer) plan, int k)
    {
        var timing = round.RunRound(k, SimTime.Zero, plan.Rounds);
        plan.Trainer.FinishIteration();
        return timing.End - timing.Start;
    }

    private sealed class ConstantGradient(double[] gradient) : IGradientSource<double>
    {
        public int Dimension => gradient.Length;

        public void NextBatch()
        {
        }

        public ReadOnlySpan<double> Gradient(ReadOnlySpan<double> point, long pointVersion) => gradient;
    }
}
