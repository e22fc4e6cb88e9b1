using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>When every worker pulls every model and reports in worker order, the time-driven protocols with one update
/// per round (buffered K = M, deadline rounds in which every upload is on time) are the synchronous run, bit for bit.</summary>
public sealed class TimedTrainerEquivalenceTests
{
    private const int Workers = 3;
    private const double StepSize = 0.05;
    private const int Iterations = 14;

    private static readonly (string Name, bool Lazy, Func<StochasticHarness, DistributedAlgorithm<float>> Create, Func<IWireEncoding> Encoding)[] Methods =
    [
        ("SGD", false, h => new GradientDescentAlgorithm<float>("SGD", Workers, h.Initial, StepSize), () => new DenseFloat32Encoding()),
        ("LAG-WK", true, h => new LagWkAlgorithm<float>(Workers, h.Initial, StepSize, window: 4, xi: 0.3), () => new DenseFloat32Encoding()),
        ("LASG-WK2", true, h => new LasgWk2Algorithm<float>(Workers, h.Initial, StepSize, window: 4, xi: 1e3, delayBound: 3), () => new DenseFloat32Encoding()),
        ("Top-k", false, h => new TopKAlgorithm<float>(Workers, h.Initial, StepSize, h.Blocks, fraction: 0.1), () => new SparseCooEncoding()),
        ("SASG", true, h => new SasgAlgorithm<float>(Workers, h.Initial, StepSize, h.Blocks, fraction: 0.1, maxDelay: 3, divisor: 1e-6), () => new SparseCooEncoding()),
        ("LASG-SASG", true, h => new LasgSasgCodeAlgorithm<float>(Workers, h.Initial, StepSize, maxDelay: 3, divisor: 1e-6), () => new DenseFloat32Encoding()),
        ("LAQ", true, h => new LaqAlgorithm<float>(Workers, h.Initial, StepSize, window: 4, xiSum: 1e3, clockBound: 3), () => new LaqEncoding(4)),
        ("Sign-SGD", false, h => new SignSgdAlgorithm<float>(Workers, h.Initial, StepSize), () => new SignEncoding()),
    ];

    private static IEnumerable<string> MethodNames => Methods.Select(m => m.Name);

    [TestCaseSource(nameof(MethodNames))]
    public void BufferedWithKEqualToM_WorkersInOrder_IsTheSynchronousRunBitForBit(string name) =>
        AssertSameAsSynchronous(name, TimedAggregation.Buffered);

    [TestCaseSource(nameof(MethodNames))]
    public void DeadlineRounds_EveryUploadOnTime_IsTheSynchronousRunBitForBit(string name) =>
        AssertSameAsSynchronous(name, TimedAggregation.Deadline);

    [Test]
    public void EveryWorkerPullingEveryModel_KeepsAHistoryEqualToTheServers()
    {
        using var harness = new StochasticHarness(Workers);
        var algorithm = new LagWkAlgorithm<float>(Workers, harness.Initial, StepSize, window: 4, xi: 0.3);
        var trainer = new TimedTrainer<float>(algorithm, harness.Sources, new DenseFloat32Encoding(), TimedAggregation.Buffered, bufferSize: Workers);
        for (var k = 0; k < 6; k++)
        {
            // The workers pull (and step) at the start of the round, before its update.
            var server = Enumerable.Range(1, 4).Select(d => algorithm.History[d]).ToArray();
            RunRound(trainer);
            for (var m = 0; m < Workers; m++)
            {
                var own = trainer.HistoryOf(m)!;
                Assert.That(Enumerable.Range(1, 4).Select(d => own[d]), Is.EqualTo(server), $"worker {m}, round {k}");
                Assert.That(own.Count, Is.EqualTo(Math.Min(k, 4)));
            }
        }
    }

    [TestCase("LAG-WK")]
    [TestCase("LASG-WK2")]
    [TestCase("SASG")]
    [TestCase("LASG-SASG")]
    [TestCase("LAQ")]
    public void Asynchronous_WorkersAtDifferentSpeeds_EachRuleRunsAtItsOwnView(string name)
    {
        // Worker m reports every (m + 1)-th tick: worker 0 is three times as fast as worker 2, so workers pull models
        // many updates apart (a shared ring of last-upload iterates would have lost theirs) and messages are stale.
        var method = Methods.Single(m => m.Name == name);
        using var harness = new StochasticHarness(Workers);
        // One message per update makes the changes, and so LAG-WK's RHS, smaller than in a synchronous run: a larger
        // xi lets it skip here too.
        var algorithm = name == "LAG-WK"
            ? new LagWkAlgorithm<float>(Workers, harness.Initial, StepSize, window: 4, xi: 30)
            : method.Create(harness);
        var trainer = new TimedTrainer<float>(algorithm, harness.Sources, method.Encoding(), TimedAggregation.Asynchronous, StalenessDamping.Inverse);
        List<WorkerDecision> decisions = [];
        List<int> staleness = [];
        var reports = 0;
        for (var m = 0; m < Workers; m++)
        {
            decisions.Add(trainer.Step(m).Decision);
        }

        for (var tick = 1; tick <= 60; tick++)
        {
            for (var m = 0; m < Workers; m++)
            {
                if (tick % (m + 1) != 0)
                {
                    continue;
                }

                if (trainer.HasUploadInFlight(m))
                {
                    trainer.Deliver(m);
                }

                Assert.That(trainer.Report(m), Is.True);
                reports++;
                staleness.AddRange(trainer.LastUpdate.Select(u => u.Staleness));
                decisions.Add(trainer.Step(m).Decision);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Algorithm.Iteration, Is.EqualTo(reports));
            Assert.That(staleness, Has.Count.EqualTo(reports));
            Assert.That(staleness.Max(), Is.GreaterThanOrEqualTo(2));
            Assert.That(decisions, Does.Contain(WorkerDecision.Skip).And.Contain(WorkerDecision.Upload));
            Assert.That(trainer.Algorithm.Theta.All(float.IsFinite), Is.True);
            Assert.That(trainer.StepsOf(0), Is.EqualTo(61));
            Assert.That(trainer.StepsOf(2), Is.EqualTo(21));
        }
    }

    private static void AssertSameAsSynchronous(string name, TimedAggregation aggregation)
    {
        var method = Methods.Single(m => m.Name == name);
        float[] expected;
        List<WorkerDecision> expectedDecisions = [];
        long expectedBytes;
        using (var harness = new StochasticHarness(Workers))
        {
            var trainer = harness.Trainer(method.Create(harness), method.Encoding());
            for (var k = 0; k < Iterations; k++)
            {
                expectedDecisions.AddRange(trainer.RunIteration().Select(o => o.Decision));
            }

            expected = trainer.Algorithm.Theta.ToArray();
            expectedBytes = trainer.UploadBytes;
        }

        using (var harness = new StochasticHarness(Workers))
        {
            var trainer = new TimedTrainer<float>(
                method.Create(harness), harness.Sources, method.Encoding(), aggregation, StalenessDamping.InverseSquareRoot, bufferSize: Workers);
            List<WorkerDecision> decisions = [];
            for (var k = 0; k < Iterations; k++)
            {
                decisions.AddRange(RunRound(trainer));
                Assert.That(trainer.LastUpdate.Select(u => u.Staleness), Has.All.EqualTo(0));
            }

            using (Assert.EnterMultipleScope())
            {
                Assert.That(trainer.Algorithm.Iteration, Is.EqualTo(Iterations));
                Assert.That(decisions, Is.EqualTo(expectedDecisions));
                Assert.That(BitConverterBits(trainer.Algorithm.Theta), Is.EqualTo(BitConverterBits(expected)));
                Assert.That(trainer.UploadBytes, Is.EqualTo(expectedBytes));
                if (method.Lazy)
                {
                    // Not vacuous: the rule skipped, so stored messages and the worker histories were used.
                    Assert.That(decisions, Does.Contain(WorkerDecision.Skip).And.Contain(WorkerDecision.Upload));
                }
            }
        }
    }

    // Every worker steps at the current model and its upload arrives in time, in worker order; one update.
    private static List<WorkerDecision> RunRound(TimedTrainer<float> trainer)
    {
        List<WorkerDecision> decisions = [];
        var before = trainer.Algorithm.Iteration;
        for (var m = 0; m < Workers; m++)
        {
            var outcome = trainer.Step(m);
            decisions.Add(outcome.Decision);
            if (outcome.Decision == WorkerDecision.Upload)
            {
                trainer.Deliver(m);
            }

            if (trainer.Aggregation == TimedAggregation.Buffered)
            {
                Assert.That(trainer.Report(m), Is.EqualTo(m == Workers - 1));
            }
        }

        if (trainer.Aggregation == TimedAggregation.Deadline)
        {
            trainer.FinishRound();
        }

        Assert.That(trainer.Algorithm.Iteration, Is.EqualTo(before + 1));
        return decisions;
    }

    private static int[] BitConverterBits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
