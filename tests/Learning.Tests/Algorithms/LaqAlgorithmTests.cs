using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class LaqAlgorithmTests
{
    [Test]
    public void Laq_OnIncreasingLagProblem_UploadsFewerTimesThanGd_AndReachesAReasonableAccuracy()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var gd = harness.RunToAccuracy(
            harness.Trainer(new GradientDescentAlgorithm<double>("GD", 9, ConvexHarness.Initial, harness.StepSize)), 1e-6, 5_000);
        var laqAlgorithm = new LaqAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize);
        var laq = harness.RunToAccuracy(harness.Trainer(laqAlgorithm, laqAlgorithm.DefaultEncoding), 1e-6, 5_000);

        Assert.That(gd, Is.Not.Null, "GD must reach |f - f*| < 1e-6");
        Assert.That(laq, Is.Not.Null, "LAQ must reach |f - f*| < 1e-6");
        TestContext.Out.WriteLine($"uploads to 1e-6: GD {gd!.Value.Uploads}, LAQ {laq!.Value.Uploads} in {laq.Value.Iterations} iterations");
        Assert.That(laq.Value.Uploads, Is.LessThan(gd.Value.Uploads));
    }

    [Test]
    public void Laq_ServerCopyOfEveryQuantizedGradient_EqualsTheWorkers_AndBytesFollowTheLaqFormula()
    {
        using var harness = new ConvexHarness(growth: 1.3);
        var algorithm = new LaqAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize);
        var trainer = harness.Trainer(algorithm, algorithm.DefaultEncoding);
        var reference = harness.Trainer(new LaqAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize), new DenseFloat64Encoding());

        var outcomes = Enumerable.Range(0, 60).SelectMany(_ => trainer.RunIteration()).ToList();
        for (var k = 0; k < 60; k++)
        {
            reference.RunIteration();
        }

        var uploads = outcomes.Where(o => o.Decision == WorkerDecision.Upload).ToList();
        using (Assert.EnterMultipleScope())
        {
            // The laq encoding is lossless on the worker's quantized innovation: identical run to a dense64 one.
            Assert.That(trainer.Algorithm.Theta, Is.EqualTo(reference.Algorithm.Theta));
            Assert.That(uploads.Select(o => o.UploadBytes), Has.All.EqualTo(4 + (4 * 50 / 8)));
            Assert.That(uploads.Select(o => o.PaperBits), Has.All.EqualTo(4 * 50));
            Assert.That(outcomes.Count(o => o.Decision == WorkerDecision.Skip), Is.Positive);
        }
    }

    [Test]
    public void Laq_WithAHugeThreshold_SkipsUntilTheClockForcesAnUpload()
    {
        var algorithm = new LaqAlgorithm<double>(1, new double[4], stepSize: 0.1, xiSum: 1e12, clockBound: 4);
        var source = new ScriptedGradientSource<double>(4, seed: 3);
        var payload = new Payload<double>(4);
        var decisions = new List<WorkerDecision>();

        for (var k = 0; k < 13; k++)
        {
            source.NextBatch();
            var decision = algorithm.WorkerStep(0, source, payload);
            decisions.Add(decision);
            if (decision == WorkerDecision.Upload)
            {
                algorithm.Receive(0, payload);
            }

            algorithm.Update();
        }

        var uploads = decisions.Select((d, k) => (d, k)).Where(x => x.d == WorkerDecision.Upload).Select(x => x.k);
        Assert.That(uploads, Is.EqualTo(new[] { 0, 4, 8, 12 }));
    }
}
