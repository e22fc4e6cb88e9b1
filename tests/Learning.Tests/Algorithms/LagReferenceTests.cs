using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>GD, LAG-WK, LAG-PS and Cyc-IAG against <see cref="PlainLagReference"/>, an independent plain-double copy of
/// the authors' MATLAB loops: the same uploads in every iteration and the same iteration count to |f - f*| &lt; 1e-8,
/// on the uniform and the increasing synthetic problem (docs/algorithms.md, "LAG against GD on the synthetic
/// problems").</summary>
[NonParallelizable]
public sealed class LagReferenceTests
{
    private const double Tolerance = 1e-8;
    private const int Budget = 3_000;

    [TestCase(1.0, "GD")]
    [TestCase(1.0, "LAG-WK")]
    [TestCase(1.0, "LAG-PS")]
    [TestCase(1.3, "GD")]
    [TestCase(1.3, "LAG-WK")]
    [TestCase(1.3, "LAG-PS")]
    [TestCase(1.3, "Cyc-IAG")]
    public void CleanStart_MatchesThePlainReference_UploadForUpload(double growth, string method)
    {
        using var harness = new ConvexHarness(growth);
        var reference = new PlainLagReference(harness.Workers, harness.PerWorkerSmoothness, harness.StepSize);
        var expected = reference.Run(method, codeFaithful: false, Tolerance, Budget);

        var actual = Run(harness, Create(method, harness, codeFaithful: false));

        TestContext.Out.WriteLine(
            $"base {growth} {method}: reference {expected.Iterations} iterations, {expected.Uploads} uploads, slow-step ratio "
            + $"geometric mean {GeometricMean(expected.SlowStepRatios):F3}, slow-error factor geometric mean "
            + $"{GeometricMean(expected.SlowErrorFactors):F3}, iterations with nobody uploading "
            + $"{expected.UploadsPerIteration.Count(u => u == 0)}, uploads in iterations 0-11 "
            + $"[{string.Join(" ", expected.UploadsPerIteration.Take(12))}]; ours {actual.Iterations} iterations, {actual.Uploads} uploads");
        Assert.That(expected.Iterations, Is.Not.Null, "the reference reaches the target");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Iterations, Is.EqualTo(expected.Iterations));
            Assert.That(actual.PerIteration, Is.EqualTo(expected.UploadsPerIteration));
            Assert.That(actual.Uploads, Is.EqualTo(expected.Uploads));
        }
    }

    [TestCase(1.0, "GD")]
    [TestCase(1.0, "LAG-WK")]
    [TestCase(1.0, "LAG-PS")]
    [TestCase(1.3, "GD")]
    [TestCase(1.3, "LAG-WK")]
    [TestCase(1.3, "LAG-PS")]
    [TestCase(1.3, "Cyc-IAG")]
    public void CodeFaithful_MatchesThePlainReference_AndCountsAsTheAuthorsCode(double growth, string method)
    {
        using var harness = new ConvexHarness(growth);
        var reference = new PlainLagReference(harness.Workers, harness.PerWorkerSmoothness, harness.StepSize);
        var expected = reference.Run(method, codeFaithful: true, Tolerance, Budget);

        var actual = Run(harness, Create(method, harness, codeFaithful: true));

        TestContext.Out.WriteLine(
            $"base {growth} {method} code-faithful: reference {expected.Iterations} iterations, {expected.Uploads} uploads, "
            + $"code counter {expected.CodeCounter}, printed {expected.PrintedCounter}; ours {actual.Iterations} iterations, "
            + $"{actual.Uploads} uploads, counted {actual.Counted}, after iteration k {actual.CountedAfterTarget}");
        Assert.That(expected.Iterations, Is.Not.Null, "the reference reaches the target");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Iterations, Is.EqualTo(expected.Iterations));
            Assert.That(actual.PerIteration, Is.EqualTo(expected.UploadsPerIteration));
            Assert.That(actual.Uploads, Is.EqualTo(expected.Uploads));
            Assert.That(actual.Counted, Is.EqualTo(expected.CodeCounter));
            Assert.That(actual.Counted, Is.Not.EqualTo(actual.Uploads), "the code's counter differs from the real uploads");
            Assert.That(actual.CountedAfterTarget, Is.EqualTo(expected.PrintedCounter), "the code prints its count after iteration k");
        }
    }

    internal static DistributedAlgorithm<double> Create(string method, ConvexHarness harness, bool codeFaithful) => method switch
    {
        "GD" => new GradientDescentAlgorithm<double>("GD", 9, ConvexHarness.Initial, harness.StepSize, codeFaithful),
        "LAG-WK" => new LagWkAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, codeFaithful: codeFaithful),
        "LAG-PS" => new LagPsAlgorithm<double>(9, ConvexHarness.Initial, harness.StepSize, harness.PerWorkerSmoothness, codeFaithful: codeFaithful),
        "Cyc-IAG" => new IagAlgorithm<double>(IagOrder.Cyclic, 9, ConvexHarness.Initial, harness.StepSize / 9, codeFaithful: codeFaithful),
        _ => throw new ArgumentException(method, nameof(method)),
    };

    /// <summary>Runs to the first k with |f(theta^k) - f*| below the tolerance, as the driver stops (Counted is its row's
    /// counted_uploads), then runs iteration k too, for the count after it.</summary>
    internal static (int? Iterations, long Uploads, long Counted, List<int> PerIteration, long CountedAfterTarget) Run(
        ConvexHarness harness, DistributedAlgorithm<double> algorithm)
    {
        var trainer = harness.Trainer(algorithm);
        var perIteration = new List<int>();
        for (var k = 0; k < Budget; k++)
        {
            if (Math.Abs(harness.Objective(algorithm.Theta) - harness.Optimum) < Tolerance)
            {
                var (uploads, counted) = (trainer.Uploads, trainer.CountedUploads);
                trainer.RunIteration();
                return (k, uploads, counted, perIteration, trainer.CountedUploads);
            }

            perIteration.Add(trainer.RunIteration().Count(o => o.Decision == WorkerDecision.Upload));
        }

        return (null, trainer.Uploads, trainer.CountedUploads, perIteration, trainer.CountedUploads);
    }

    private static double GeometricMean(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : Math.Exp(values.Average(v => Math.Log(Math.Abs(v))));
}
