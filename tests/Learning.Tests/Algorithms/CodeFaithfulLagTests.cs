using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class CodeFaithfulLagTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void LagWkAndLagPs_BothVariants_ReachTheTargetOnTheIncreasingProblem(bool codeFaithful)
    {
        using var harness = new ConvexHarness(growth: 1.3);

        var wk = harness.RunToAccuracy(
            harness.Trainer(new LagWkAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, codeFaithful: codeFaithful)), 1e-8, 5_000);
        var ps = harness.RunToAccuracy(
            harness.Trainer(new LagPsAlgorithm<double>(
                9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness, codeFaithful: codeFaithful)),
            1e-8,
            5_000);

        TestContext.Out.WriteLine($"codeFaithful {codeFaithful}: LAG-WK {wk}, LAG-PS {ps}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wk, Is.Not.Null, "LAG-WK must reach |f - f*| < 1e-8");
            Assert.That(ps, Is.Not.Null, "LAG-PS must reach |f - f*| < 1e-8");
        }
    }

    [Test]
    public void CodeFaithful_UploadsNothingInTheFirstDIterations_AndStepsWithAllOnes()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var wk = harness.Trainer(new LagWkAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, codeFaithful: true));
        var ps = harness.Trainer(new LagPsAlgorithm<double>(
            9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness, codeFaithful: true));

        var warmUp = Enumerable.Range(0, 10).SelectMany(_ => wk.RunIteration().Concat(ps.RunIteration())).ToList();
        var thetaAfterWarmUp = wk.Algorithm.Theta.Concat(ps.Algorithm.Theta).ToArray();
        var next = wk.RunIteration().Concat(ps.RunIteration()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(warmUp.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.NotRequested));
            Assert.That(wk.Uploads + ps.Uploads, Is.EqualTo(next.Count(o => o.Decision == WorkerDecision.Upload)));
            Assert.That(next.Count(o => o.Decision == WorkerDecision.Upload), Is.Positive);

            // Ten steps with nine stored all-ones gradients: theta = -10 * 9 * alpha in every coordinate.
            Assert.That(thetaAfterWarmUp, Has.All.EqualTo(-90 * harness.StepSize).Within(1e-12));
        }
    }
}
