using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class LasgPsAlgorithmTests
{
    private const double StepSize = 0.05;

    [Test]
    public void LasgPs_WithZeroL2AndZeroWeights_AsksEveryWorkerEveryIteration_BecauseZeroIsAtLeastZero()
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(
            new LasgPsAlgorithm<float>(3, harness.Initial, StepSize, [0, 0, 0], xi: 0), new DenseFloat32Encoding());

        var outcomes = Enumerable.Range(0, 20).SelectMany(_ => trainer.RunIteration()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(outcomes, Has.All.Matches<WorkerOutcome>(o => o.Requested));
        }
    }

    [Test]
    public void LasgPs_WithZeroL2_AsksAtTheStartThenOnlyWhenTheDelayReachesTheBound()
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(
            new LasgPsAlgorithm<float>(3, harness.Initial, StepSize, [0, 0, 0], delayBound: 5), new DenseFloat32Encoding());

        var uploadIterations = Enumerable.Range(0, 21)
            .Select(k => (k, Outcomes: trainer.RunIteration()))
            .Where(x => x.Outcomes.All(o => o.Decision == WorkerDecision.Upload))
            .Select(x => x.k);

        // k = 0: 0 >= 0; then 0 >= RHS > 0 fails, and the counter (incremented before the check) forces every 5th.
        Assert.That(uploadIterations, Is.EqualTo(new[] { 0, 5, 10, 15, 20 }));
    }

    [Test]
    public void LasgPs_WithHugeL2_EqualsSgdWithTheSameBatches()
    {
        var sgd = Run(h => new GradientDescentAlgorithm<float>("SGD", 3, h.Initial, StepSize));
        var ps = Run(h => new LasgPsAlgorithm<float>(3, h.Initial, StepSize, [1e12, 1e12, 1e12]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ps.Theta, Is.EqualTo(sgd.Theta).Within(1e-6));
            Assert.That(ps.Uploads, Is.EqualTo(sgd.Uploads));
        }
    }

    private static (float[] Theta, long Uploads) Run(Func<StochasticHarness, DistributedAlgorithm<float>> create)
    {
        using var harness = new StochasticHarness();
        var trainer = harness.Trainer(create(harness), new DenseFloat32Encoding());
        for (var k = 0; k < 30; k++)
        {
            trainer.RunIteration();
        }

        return (trainer.Algorithm.Theta, trainer.Uploads);
    }
}
