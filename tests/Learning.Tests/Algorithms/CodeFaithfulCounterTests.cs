using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>The code-faithful switch's first steps and upload-counter quirks, on scripted gradients (docs/algorithms.md,
/// "Code-faithful mode").</summary>
public sealed class CodeFaithfulCounterTests
{
    private const double Alpha = 0.01;

    [TestCase("LAG-WK")]
    [TestCase("LAG-PS")]
    public void Lag_NobodyUploading_CountsOneAtEveryThousandthIteration_FromACounterStartingAtOne(string method)
    {
        // Worker gradients equal the stored all-ones vectors (LAG-WK) or L_m = 0 (LAG-PS): nobody ever uploads.
        var algorithm = method == "LAG-WK"
            ? (DistributedAlgorithm<double>)new LagWkAlgorithm<double>(3, new double[4], Alpha, codeFaithful: true)
            : new LagPsAlgorithm<double>(3, new double[4], Alpha, [0.0, 0.0, 0.0], codeFaithful: true);
        var trainer = Trainer(algorithm, [1.0, 1.0, 1.0, 1.0]);
        var counts = new List<long> { trainer.CountedUploads };

        for (var k = 0; k < 2_000; k++)
        {
            trainer.RunIteration();
            counts.Add(trainer.CountedUploads);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Uploads, Is.Zero);
            Assert.That(counts[0], Is.EqualTo(1));
            Assert.That(counts[999], Is.EqualTo(1), "iterations 1..999 (1-based) count nothing");
            Assert.That(counts[1000], Is.EqualTo(2), "iteration 1000 (k = 999) counts 1");
            Assert.That(counts[1999], Is.EqualTo(2));
            Assert.That(counts[2000], Is.EqualTo(3), "iteration 2000 counts 1");
        }
    }

    [Test]
    public void LagWk_CodeFaithfulWarmUp_IsAParameter()
    {
        // A gradient far from the stored ones triggers as soon as the rule applies.
        var trainer = Trainer(new LagWkAlgorithm<double>(3, new double[4], Alpha, codeFaithful: true, warmUp: 4), [9.0, 9.0, 9.0, 9.0]);

        var decisions = Enumerable.Range(0, 5).Select(_ => trainer.RunIteration()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decisions.Take(4).SelectMany(d => d).Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.NotRequested));
            Assert.That(decisions[4].Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
        }
    }

    [Test]
    public void Lag_CleanStart_CountsTheRealUploads()
    {
        var trainer = Trainer(new LagWkAlgorithm<double>(3, new double[4], Alpha), [1.0, 1.0, 1.0, 1.0]);

        for (var k = 0; k < 1_000; k++)
        {
            trainer.RunIteration();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trainer.Uploads, Is.EqualTo(3), "everyone at k = 0, then a constant gradient never triggers");
            Assert.That(trainer.CountedUploads, Is.EqualTo(trainer.Uploads));
        }
    }

    [Test]
    public void Gd_CodeFaithful_FirstStepIsMinusAlphaTimesOnes_WithNobodyAsked_ThenCountsMPerIteration()
    {
        double[] gradient = [2.0, -4.0, 0.5];
        var trainer = Trainer(new GradientDescentAlgorithm<double>("GD", 4, new double[3], Alpha, codeFaithful: true), gradient);

        var first = trainer.RunIteration();
        var afterFirst = trainer.Algorithm.Theta.ToArray();
        var second = trainer.RunIteration();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.NotRequested));
            Assert.That(afterFirst, Is.EqualTo(new[] { -Alpha, -Alpha, -Alpha }), "the code's GD holds one all-ones summed gradient");
            Assert.That(second.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(afterFirst.Select((t, i) => t - (Alpha * 4 * gradient[i]))).Within(1e-15));
            Assert.That(trainer.Uploads, Is.EqualTo(4));
            Assert.That(trainer.CountedUploads, Is.EqualTo(8), "iter * M: the first iteration counts M though nobody uploaded");
        }
    }

    [Test]
    public void Gd_CleanStart_UploadsAtKZero()
    {
        var trainer = Trainer(new GradientDescentAlgorithm<double>("GD", 4, new double[3], Alpha), [1.0, 1.0, 1.0]);

        var first = trainer.RunIteration();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.Upload));
            Assert.That(trainer.CountedUploads, Is.EqualTo(4));
        }
    }

    [Test]
    public void CycIag_CodeFaithful_StepsWithTheOnesTable_ThenAsksWorkerKPlusOneModM_CountingOnePerIteration()
    {
        var algorithm = new IagAlgorithm<double>(IagOrder.Cyclic, 4, new double[2], Alpha / 4, codeFaithful: true);
        var trainer = Trainer(algorithm, [3.0, 3.0]);

        var first = trainer.RunIteration();
        var afterFirst = algorithm.Theta.ToArray();
        var askedAfter = Enumerable.Range(0, 9)
            .Select(_ => trainer.RunIteration().Single(o => o.Decision == WorkerDecision.Upload).Worker)
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(o => o.Decision), Has.All.EqualTo(WorkerDecision.NotRequested));
            Assert.That(afterFirst, Is.EqualTo(new[] { -Alpha, -Alpha }).Within(1e-18), "(alpha / M) * M ones");
            Assert.That(askedAfter, Is.EqualTo(new[] { 2, 3, 0, 1, 2, 3, 0, 1, 2 }), "mod(iter, M) + 1 (1-based) from iter = 2");
            Assert.That(trainer.Uploads, Is.EqualTo(9));
            Assert.That(trainer.CountedUploads, Is.EqualTo(10), "the code reports iter");
        }
    }

    [Test]
    public void NumIag_CodeFaithful_DrawsAtTheFirstIterationToo()
    {
        double[] smoothness = [1, 2, 3];
        var clean = new IagAlgorithm<double>(IagOrder.Smoothness, 3, new double[2], 0.1, smoothness, seed: 4);
        var faithful = new IagAlgorithm<double>(IagOrder.Smoothness, 3, new double[2], 0.1, smoothness, seed: 4, codeFaithful: true);

        var faithfulChoices = new List<int>();
        for (var k = 0; k < 30; k++)
        {
            Assert.That(Enumerable.Range(0, 3).Count(faithful.IsRequested), Is.EqualTo(k == 0 ? 0 : 1));
            faithfulChoices.Add(faithful.ChosenWorker);
            faithful.Update();
        }

        clean.Update();
        var cleanChoices = new List<int>();
        for (var k = 1; k < 30; k++)
        {
            cleanChoices.Add(clean.ChosenWorker);
            clean.Update();
        }

        // The same stream: the clean start draws from k = 1, the code from k = 0.
        Assert.That(cleanChoices, Is.EqualTo(faithfulChoices.Take(29)));
    }

    private static SynchronousTrainer<double> Trainer(DistributedAlgorithm<double> algorithm, double[] gradient) =>
        new(
            algorithm,
            Enumerable.Range(0, algorithm.Workers).Select(_ => new ScriptedGradientSource<double>(gradient)).ToList(),
            new Sasg.Learning.Encoding.DenseFloat64Encoding());
}
