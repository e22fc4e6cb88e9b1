using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class IagAlgorithmTests
{
    [TestCase(IagOrder.Cyclic)]
    [TestCase(IagOrder.Smoothness)]
    public void Iag_OnIncreasingLagProblem_ReachesTheTargetWithOneUploadPerIterationAfterTheStart(IagOrder order)
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var algorithm = new IagAlgorithm<double>(
            order, 9, ConvexHarness.Initial, harness.StepSize / 9, harness.PerWorkerSmoothness, seed: 11);
        var trainer = harness.Trainer(algorithm);

        var first = trainer.RunIteration();
        var result = harness.RunToAccuracy(trainer, 1e-8, 40_000);

        TestContext.Out.WriteLine($"{algorithm.Name}: {result}");
        Assert.That(result, Is.Not.Null, $"{algorithm.Name} must reach |f - f*| < 1e-8");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(result!.Value.Uploads, Is.EqualTo(9 + result.Value.Iterations));
        }
    }

    [Test]
    public void CycIag_AfterTheStart_AsksWorkersInTurn_EachWithARequest()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var trainer = harness.Trainer(new IagAlgorithm<double>(IagOrder.Cyclic, 9, ConvexHarness.Initial, harness.StepSize / 9));

        var outcomes = Enumerable.Range(0, 21).Select(_ => trainer.RunIteration()).ToList();

        var uploaders = outcomes.Skip(1).Select(o => o.Single(w => w.Decision == WorkerDecision.Upload).Worker);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(uploaders, Is.EqualTo(Enumerable.Range(0, 20).Select(k => k % 9)));
            Assert.That(outcomes.SelectMany(o => o).Where(o => o.Decision == WorkerDecision.Upload), Has.All.Matches<WorkerOutcome>(o => o.Requested));
        }
    }

    [Test]
    public void NumIag_ChoosesWorkersInProportionToTheirSmoothness()
    {
        double[] smoothness = [1, 2, 3, 10];
        var algorithm = new IagAlgorithm<double>(IagOrder.Smoothness, 4, new double[3], 0.1, smoothness, seed: 5);
        var counts = new int[4];
        const int Draws = 40_000;

        algorithm.Update();
        for (var k = 0; k < Draws; k++)
        {
            counts[algorithm.ChosenWorker]++;
            Assert.That(Enumerable.Range(0, 4).Count(algorithm.IsRequested), Is.EqualTo(1));
            algorithm.Update();
        }

        var frequencies = counts.Select(c => c / (double)Draws);
        Assert.That(frequencies, Is.EqualTo(smoothness.Select(l => l / 16)).Within(0.01));
    }

    [Test]
    public void NumIag_WithTheSameSeed_DrawsTheSameWorkers()
    {
        double[] smoothness = [1, 2, 3];

        var first = Choices(new IagAlgorithm<double>(IagOrder.Smoothness, 3, new double[2], 0.1, smoothness, seed: 8));
        var second = Choices(new IagAlgorithm<double>(IagOrder.Smoothness, 3, new double[2], 0.1, smoothness, seed: 8));
        var other = Choices(new IagAlgorithm<double>(IagOrder.Smoothness, 3, new double[2], 0.1, smoothness, seed: 9));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        }
    }

    private static int[] Choices(IagAlgorithm<double> algorithm)
    {
        algorithm.Update();
        var choices = new int[50];
        for (var k = 0; k < choices.Length; k++)
        {
            choices[k] = algorithm.ChosenWorker;
            algorithm.Update();
        }

        return choices;
    }
}
