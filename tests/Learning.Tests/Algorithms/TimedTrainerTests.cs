using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>The time-driven protocols on two workers with quadratic losses f_m = ||theta - a_m||^2 / 2 (gradient
/// theta - a_m), alpha = 1/2, theta^0 = 0, a_0 = (1, 2), a_1 = (-2, 4): every number below is exact in binary and
/// worked out by hand in the comments.</summary>
public sealed class TimedTrainerTests
{
    private const double Alpha = 0.5;

    [TestCase(StalenessDamping.None, 1.0, -0.125, 3.75)]
    [TestCase(StalenessDamping.Inverse, 0.25, 0.625, 2.25)]
    [TestCase(StalenessDamping.InverseSquareRoot, 0.5, 0.375, 2.75)]
    public void AsynchronousSgd_AppliesEachReportAlone_DampedByItsStaleness(StalenessDamping damping, double weight, double x, double y)
    {
        var trainer = Trainer(new GradientDescentAlgorithm<double>("SGD", 2, new double[2], Alpha), TimedAggregation.Asynchronous, damping);

        // Both pull theta^0: g_0 = (-1, -2), g_1 = (2, -4).
        trainer.Step(0);
        trainer.Step(1);

        // Worker 0 reports three times while worker 1 computes: theta^1 = (0.5, 1), g_0 = (-0.5, -1), theta^2 =
        // (0.75, 1.5), g_0 = (-0.25, -0.5), theta^3 = (0.875, 1.75).
        double[][] expected = [[0.5, 1], [0.75, 1.5], [0.875, 1.75]];
        for (var k = 0; k < 3; k++)
        {
            trainer.Deliver(0);
            Assert.That(trainer.Report(0), Is.True);
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(expected[k]));
            Assert.That(trainer.LastUpdate, Is.EqualTo(new[] { new AppliedMessage(0, 0, true, 1.0) }));
            trainer.Step(0);
        }

        // Worker 1's gradient of theta^0 arrives 3 updates late: theta^4 = theta^3 - 0.5 * weight(3) * (2, -4).
        trainer.Deliver(1);
        Assert.That(trainer.Report(1), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { x, y }));
            Assert.That(trainer.LastUpdate, Is.EqualTo(new[] { new AppliedMessage(1, 3, true, weight) }));
            Assert.That(trainer.Algorithm.Iteration, Is.EqualTo(4));
            Assert.That(trainer.PulledVersionOf(0), Is.EqualTo(3));
            Assert.That(trainer.StepsOf(0), Is.EqualTo(4));
        }
    }

    [Test]
    public void Buffered_AppliesTheDampedSumOfKReports()
    {
        var trainer = Trainer(new GradientDescentAlgorithm<double>("SGD", 2, new double[2], Alpha), TimedAggregation.Buffered, StalenessDamping.Inverse, 2);

        // Worker 0 reports twice (both at theta^0, staleness 0): the buffer is 2 * (-1, -2) and makes theta^1 = (1, 2).
        trainer.Step(0);
        trainer.Step(1);
        trainer.Deliver(0);
        Assert.That(trainer.Report(0), Is.False);
        Assert.That(trainer.ReportsInBuffer, Is.EqualTo(1));
        trainer.Step(0);
        trainer.Deliver(0);
        Assert.That(trainer.Report(0), Is.True);
        Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(trainer.ReportsInBuffer, Is.Zero);

        // Worker 1's (2, -4) of theta^0 (staleness 1, weight 1/2) and worker 0's (0, 0) of theta^1: theta^2 = (0.5, 3).
        trainer.Deliver(1);
        Assert.That(trainer.Report(1), Is.False);
        trainer.Step(0);
        trainer.Deliver(0);
        Assert.That(trainer.Report(0), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { 0.5, 3.0 }));
            Assert.That(trainer.LastUpdate, Is.EqualTo(new[] { new AppliedMessage(1, 1, true, 0.5), new AppliedMessage(0, 0, true, 1.0) }));
        }
    }

    [Test]
    public void Drop_InDeadlineRounds_TheServerKeepsTheStoredMessageOfAMethodThatReusesIt()
    {
        // LAG-WK (xi = 1/10, D = 10). Round 0: both upload at theta^0; theta^1 = -0.5 * ((-1, -2) + (2, -4)) = (-0.5, 3).
        var trainer = Trainer(new LagWkAlgorithm<double>(2, new double[2], Alpha), TimedAggregation.Deadline);
        RoundWithDrops(trainer, dropped: -1);
        Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { -0.5, 3.0 }));

        // Round 1: g_0 = (-1.5, 1), g_1 = (1.5, -1); each innovation is 9.25 > RHS = 0.1 * 9.25 / (0.25 * 4) = 0.925, so
        // both upload; worker 1's is dropped and the server uses its stored (2, -4):
        // theta^2 = (-0.5, 3) - 0.5 * ((-1.5, 1) + (2, -4)) = (-0.75, 4.5).
        var outcomes = RoundWithDrops(trainer, dropped: 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes, Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { -0.75, 4.5 }));
            Assert.That(trainer.LastUpdate, Is.EqualTo(new[] { new AppliedMessage(0, 0, true, 1.0) }));
            Assert.That(trainer.Dropped, Is.EqualTo(1));
            Assert.That(trainer.Delivered, Is.EqualTo(3));
        }
    }

    [Test]
    public void Drop_InDeadlineRounds_AMethodThatNeverReusesAddsNothingForTheWorker()
    {
        // SGD: theta^1 = (-0.5, 3) as above; round 1 sums worker 0's (-1.5, 1) alone: theta^2 = (0.25, 2.5).
        var trainer = Trainer(new GradientDescentAlgorithm<double>("SGD", 2, new double[2], Alpha), TimedAggregation.Deadline);
        RoundWithDrops(trainer, dropped: -1);
        RoundWithDrops(trainer, dropped: 1);
        Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { 0.25, 2.5 }));
    }

    [Test]
    public void Drop_Asynchronous_NoUpdateAndNoReport()
    {
        var trainer = Trainer(new GradientDescentAlgorithm<double>("SGD", 2, new double[2], Alpha), TimedAggregation.Asynchronous);
        trainer.Step(0);
        trainer.Drop(0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => trainer.Report(0), Throws.InvalidOperationException);
            Assert.That(trainer.Algorithm.Iteration, Is.Zero);
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { 0.0, 0.0 }));
        }
    }

    [TestCase(StalenessDamping.None, -0.25, 3.5)]
    [TestCase(StalenessDamping.Inverse, 0.25, 2.5)]
    public void StaleDelivery_CountsInTheNextRound(StalenessDamping damping, double x, double y)
    {
        var trainer = Trainer(new GradientDescentAlgorithm<double>("SGD", 2, new double[2], Alpha), TimedAggregation.Deadline, damping);

        // Round 0: worker 1's upload misses the deadline; theta^1 = -0.5 * (-1, -2) = (0.5, 1).
        trainer.Step(0);
        trainer.Step(1);
        trainer.Deliver(0);
        trainer.FinishRound();
        Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { 0.5, 1.0 }));
        Assert.That(() => trainer.Step(1), Throws.InvalidOperationException.With.Message.Contains("in flight"));

        // Round 1: worker 0's (-0.5, -1) of theta^1 and worker 1's late (2, -4) of theta^0 (staleness 1):
        // theta^2 = (0.5, 1) - 0.5 * ((-0.5, -1) + w * (2, -4)), w = 1 -> (-0.25, 3.5), w = 1/2 -> (0.25, 2.5).
        trainer.Step(0);
        trainer.Deliver(1);
        trainer.Deliver(0);
        trainer.FinishRound();
        var weight = damping == StalenessDamping.None ? 1.0 : 0.5;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(new[] { x, y }));
            Assert.That(trainer.LastUpdate, Is.EqualTo(new[] { new AppliedMessage(0, 0, true, 1.0), new AppliedMessage(1, 1, true, weight) }));
        }
    }

    [Test]
    public void AWorkerThatMissesModels_KeepsItsOwnHistory_NotTheServers()
    {
        // LAG-WK, asynchronous. Both pull theta^0 and upload (first steps): g_0 = (-1, -2), g_1 = (2, -4).
        var trainer = Trainer(new LagWkAlgorithm<double>(2, new double[2], Alpha, window: 4), TimedAggregation.Asynchronous);
        trainer.Step(0);
        trainer.Step(1);

        // theta^1 = (0.5, 1), change 1.25. Worker 0 pulls it (one update later: the server's 1.25); its innovation
        // ||(-0.5, -1) - (-1, -2)||^2 = 1.25 > RHS = 0.25 * 1.25 / (0.25 * 4) = 0.3125: it uploads.
        trainer.Deliver(0);
        trainer.Report(0);
        Assert.That(trainer.Step(0).Decision, Is.EqualTo(WorkerDecision.Upload));
        Assert.That(History(trainer, 0), Is.EqualTo(new[] { 1.25 }));

        // theta^2 = (0.75, 1.5) (change 0.3125); worker 1's stale (2, -4): theta^3 = (-0.25, 3.5) (change 5).
        trainer.Deliver(0);
        trainer.Report(0);
        trainer.Deliver(1);
        trainer.Report(1);
        Assert.That(History(trainer.Algorithm.History), Is.EqualTo(new[] { 5, 0.3125, 1.25 }));

        // Worker 1 pulls theta^3 after theta^0: ||theta^3 - theta^0||^2 = 0.0625 + 12.25; worker 0 after theta^1:
        // ||(-0.75, 2.5)||^2 = 0.5625 + 6.25.
        trainer.Step(1);
        trainer.Step(0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(History(trainer, 1), Is.EqualTo(new[] { 12.3125 }));
            Assert.That(History(trainer, 0), Is.EqualTo(new[] { 6.8125, 1.25 }));
        }
    }

    [Test]
    public void ServerSideSelection_IsRefusedUnderAsynchronousAndBuffered_AndKeptInDeadlineRounds()
    {
        var initial = new double[2];
        DistributedAlgorithm<double>[] selecting =
        [
            new LagPsAlgorithm<double>(2, initial, Alpha, [1.0, 1.0]),
            new LasgPsAlgorithm<double>(2, initial, Alpha, [0.1, 0.1]),
            new IagAlgorithm<double>(IagOrder.Cyclic, 2, initial, Alpha),
            new GradientDescentAlgorithm<double>("GD", 2, initial, Alpha, codeFaithful: true),
            new LagWkAlgorithm<double>(2, initial, Alpha, codeFaithful: true),
        ];
        DistributedAlgorithm<double>[] workerSide =
        [
            new GradientDescentAlgorithm<double>("SGD", 2, initial, Alpha),
            new LagWkAlgorithm<double>(2, initial, Alpha),
            new LasgWk2Algorithm<double>(2, initial, Alpha),
        ];
        using (Assert.EnterMultipleScope())
        {
            foreach (var algorithm in selecting)
            {
                Assert.That(algorithm.HasServerSideSelection, Is.True, algorithm.Name);
                Assert.That(() => Trainer(algorithm, TimedAggregation.Asynchronous), Throws.ArgumentException.With.Message.Contains("selects workers"));
                Assert.That(() => Trainer(algorithm, TimedAggregation.Buffered), Throws.ArgumentException);
                Assert.That(() => Trainer(algorithm, TimedAggregation.Deadline), Throws.Nothing);
            }

            foreach (var algorithm in workerSide)
            {
                Assert.That(algorithm.HasServerSideSelection, Is.False, algorithm.Name);
            }
        }
    }

    private static TimedTrainer<double> Trainer(
        DistributedAlgorithm<double> algorithm, TimedAggregation aggregation, StalenessDamping damping = StalenessDamping.None, int bufferSize = 1)
    {
        IGradientSource<double>[] sources = [new QuadraticSource([1, 2]), new QuadraticSource([-2, 4])];
        return new TimedTrainer<double>(algorithm, sources, new DenseFloat64Encoding(), aggregation, damping, bufferSize);
    }

    // One deadline round: both workers step at the current model; every upload but `dropped`'s is delivered in time.
    private static WorkerDecision[] RoundWithDrops(TimedTrainer<double> trainer, int dropped)
    {
        var outcomes = new WorkerDecision[2];
        for (var m = 0; m < 2; m++)
        {
            outcomes[m] = trainer.Step(m).Decision;
            if (outcomes[m] == WorkerDecision.Upload)
            {
                if (m == dropped)
                {
                    trainer.Drop(m);
                }
                else
                {
                    trainer.Deliver(m);
                }
            }
        }

        trainer.FinishRound();
        return outcomes;
    }

    private static double[] History(TimedTrainer<double> trainer, int worker) => History(trainer.HistoryOf(worker)!);

    private static double[] History(IterateHistory history) => Enumerable.Range(1, history.Count).Select(d => history[d]).ToArray();

    private sealed class QuadraticSource(double[] target) : IGradientSource<double>
    {
        private readonly double[] _gradient = new double[target.Length];

        public int Dimension => target.Length;

        public void NextBatch()
        {
        }

        public ReadOnlySpan<double> Gradient(ReadOnlySpan<double> point, long pointVersion)
        {
            for (var i = 0; i < target.Length; i++)
            {
                _gradient[i] = point[i] - target[i];
            }

            return _gradient;
        }
    }
}
