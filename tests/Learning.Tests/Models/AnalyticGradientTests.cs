using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

/// <summary>Every hand-written backward pass gives autograd's loss and gradient.</summary>
[NonParallelizable]
public sealed class AnalyticGradientTests
{
    private const int Samples = 12;
    private const int Features = 6;
    private const int Classes = 4;

    [Test]
    public void Mlp_TwoHiddenLayers_MatchesAutograd() =>
        AssertMatchesAutograd(() => new Mlp([Features, 8, 5, Classes], ScalarType.Float64), ClassData(), 1e-12);

    [Test]
    public void Mlp_NoHiddenLayer_MatchesAutograd() =>
        AssertMatchesAutograd(() => new Mlp([Features, Classes], ScalarType.Float64), ClassData(), 1e-12);

    [Test]
    public void Mlp_Float32_MatchesAutogradToSinglePrecision() =>
        AssertMatchesAutograd<float>(() => new Mlp([Features, 16, Classes]), ClassData(), 1e-5, ScalarType.Float32);

    [TestCase(0.0)]
    [TestCase(0.3)]
    public void SoftmaxRegression_MatchesAutograd(double l2) =>
        AssertMatchesAutograd(() => new SoftmaxRegression(Features, Classes, l2, ScalarType.Float64), ClassData(), 1e-12);

    [Test]
    public void LinearRegression_MatchesAutograd() =>
        AssertMatchesAutograd(() => new LinearRegression(Features), RealData(signs: false), 1e-12);

    [TestCase(0.0)]
    [TestCase(0.1)]
    public void LogisticRegression_MatchesAutograd(double lambda) =>
        AssertMatchesAutograd(() => new LogisticRegression(Features, lambda), RealData(signs: true), 1e-12);

    [Test]
    public void LogisticRegression_BeyondTheSoftplusThreshold_MatchesAutograd()
    {
        // Margins of about -40: softplus' is exactly 1 there in autograd, not sigmoid's 1 - 4e-18.
        var data = RealData(signs: true, scale: 40);
        AssertMatchesAutograd(() => new LogisticRegression(Features, 0.1), data, 1e-12);
    }

    [Test]
    public void Mlp_AnalyticGradient_WritesNoGraphAndLeavesNoGradOnParameters()
    {
        using var tensors = new TensorData(ClassData(), ScalarType.Float32, TargetKind.ClassLabels);
        using var model = new FlatModel<float>(new Mlp([Features, 8, Classes]));

        model.ComputeGradient(tensors.All);

        Assert.That(model.Model.parameters().All(p => p.grad is null), Is.True);
    }

    private static void AssertMatchesAutograd(Func<SupervisedModel> create, Dataset dataset, double tolerance) =>
        AssertMatchesAutograd<double>(create, dataset, tolerance, ScalarType.Float64);

    private static void AssertMatchesAutograd<T>(
        Func<SupervisedModel> create, Dataset dataset, double tolerance, ScalarType dtype)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var kind = dataset.Labels is null ? TargetKind.RealTargets : TargetKind.ClassLabels;
        using var tensors = new TensorData(dataset, dtype, kind);
        using var analytic = new FlatModel<T>(create());
        using var autograd = new FlatModel<T>(create(), useAnalyticGradient: false);
        var random = new Random(3);
        var point = Enumerable.Range(0, analytic.Length).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
        point.CopyTo(analytic.Parameters);
        point.CopyTo(autograd.Parameters);

        var expectedLoss = autograd.ComputeGradient(tensors.All);
        var loss = analytic.ComputeGradient(tensors.All);

        var expected = autograd.Gradient.ToArray().Select(double.CreateTruncating).ToArray();
        var actual = analytic.Gradient.ToArray().Select(double.CreateTruncating).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loss, Is.EqualTo(expectedLoss).Within(tolerance));
            Assert.That(actual, Is.EqualTo(expected).Within(tolerance));
            Assert.That(expected.Count(g => g != 0), Is.GreaterThan(expected.Length / 2), "a zero gradient compares trivially");
        }
    }

    private static Dataset ClassData()
    {
        var random = new Random(17);
        var features = Enumerable.Range(0, Samples * Features).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var labels = Enumerable.Range(0, Samples).Select(i => i % Classes).ToArray();
        return new Dataset("classes", Samples, [Features], features, labels, Classes, null);
    }

    private static Dataset RealData(bool signs, double scale = 1)
    {
        var random = new Random(29);
        var features = Enumerable.Range(0, Samples * Features).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
        var targets = Enumerable.Range(0, Samples)
            .Select(i => signs ? (i % 3 == 0 ? -1.0 : 1.0) : random.NextDouble() * 3)
            .ToArray();
        return new Dataset("reals", Samples, [Features], features, null, 0, targets);
    }
}
