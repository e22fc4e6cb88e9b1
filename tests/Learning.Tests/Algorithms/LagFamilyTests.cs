using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class LagFamilyTests
{
    [Test]
    public void LagWkAndLagPs_WithZeroWeights_ReproduceGdIterates()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var gd = harness.Trainer(new GradientDescentAlgorithm<double>("GD", 9, ConvexHarness.Initial, harness.StepSize));
        var wk = harness.Trainer(new LagWkAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, xi: 0));
        var ps = harness.Trainer(new LagPsAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness, xi: 0));

        for (var k = 0; k < 60; k++)
        {
            gd.RunIteration();
            wk.RunIteration();
            ps.RunIteration();
        }

        var scale = gd.Algorithm.Theta.Max(Math.Abs);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wk.Algorithm.Theta, Is.EqualTo(gd.Algorithm.Theta).Within(1e-12 * scale));
            Assert.That(ps.Algorithm.Theta, Is.EqualTo(gd.Algorithm.Theta).Within(1e-12 * scale));
            Assert.That(wk.Uploads, Is.EqualTo(gd.Uploads));
            Assert.That(gd.Uploads, Is.EqualTo(60 * 9));
        }
    }

    [Test]
    public void IncreasingSmoothness_LagUsesFarFewerUploadsThanGd_ToReachTheTarget()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var gd = harness.RunToAccuracy(
            harness.Trainer(new GradientDescentAlgorithm<double>("GD", 9, ConvexHarness.Initial, harness.StepSize)), 1e-8, 5_000);
        var wk = harness.RunToAccuracy(
            harness.Trainer(new LagWkAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize)), 1e-8, 5_000);
        var ps = harness.RunToAccuracy(
            harness.Trainer(new LagPsAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness)), 1e-8, 5_000);

        Assert.That(gd, Is.Not.Null, "GD must reach |f - f*| < 1e-8");
        Assert.That(wk, Is.Not.Null, "LAG-WK must reach |f - f*| < 1e-8");
        Assert.That(ps, Is.Not.Null, "LAG-PS must reach |f - f*| < 1e-8");
        TestContext.Out.WriteLine($"uploads to 1e-8: GD {gd!.Value.Uploads}, LAG-WK {wk!.Value.Uploads}, LAG-PS {ps!.Value.Uploads}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wk.Value.Uploads, Is.LessThan(gd.Value.Uploads / 2), "LAG-WK: far fewer uploads than GD");
            Assert.That(ps.Value.Uploads, Is.LessThan(gd.Value.Uploads), "LAG-PS: fewer uploads than GD");
        }
    }

    [Test]
    public void UniformSmoothness_LagDoesNotBeatGdByMuch()
    {
        using var harness = new ConvexHarness(growth: 1.0);
        var gd = harness.RunToAccuracy(
            harness.Trainer(new GradientDescentAlgorithm<double>("GD", 9, ConvexHarness.Initial, harness.StepSize)), 1e-8, 5_000);
        var ps = harness.RunToAccuracy(
            harness.Trainer(new LagPsAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness)), 1e-8, 5_000);

        Assert.That(gd, Is.Not.Null);
        Assert.That(ps, Is.Not.Null);
        TestContext.Out.WriteLine($"uniform, uploads to 1e-8: GD {gd!.Value.Uploads}, LAG-PS {ps!.Value.Uploads}");
        Assert.That(ps.Value.Uploads, Is.GreaterThan(gd.Value.Uploads / 2), "no large saving without heterogeneity");
    }

    [Test]
    public void LagPs_CountsRequests_AndOnlyRequestedWorkersUpload()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var ps = harness.Trainer(new LagPsAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness));

        var outcomes = Enumerable.Range(0, 40).SelectMany(_ => ps.RunIteration()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Where(o => o.Decision == WorkerDecision.Upload), Has.All.Matches<WorkerOutcome>(o => o.Requested));
            Assert.That(outcomes.Count(o => o.Decision == WorkerDecision.NotRequested), Is.Positive);
            Assert.That(outcomes.Where(o => o.Decision == WorkerDecision.Upload).Select(o => o.UploadBytes), Has.All.EqualTo(50 * 8));
        }
    }
}
