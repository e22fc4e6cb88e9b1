using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

[NonParallelizable]
public sealed class EvaluationTests
{
    [Test]
    public void Of_SoftmaxRegressionWithIdentityWeights_CountsArgmaxAgreements()
    {
        // Identity weights and zero bias predict the larger feature: the last sample (label 0, larger feature 1) is wrong.
        var dataset = new Dataset("tiny", 4, [2], [1, 0, 0, 1, 2, 1, 1, 3], [0, 1, 0, 0], 2, null);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.ClassLabels);
        using var model = new FlatModel<double>(new SoftmaxRegression(2, 2, dtype: ScalarType.Float64));
        double[] parameters = [1, 0, 0, 1, 0, 0];
        parameters.CopyTo(model.Parameters);

        var evaluation = Evaluation.Of(model.Model, data, lossIsMean: true);

        // Cross-entropy of two logits (a, b) with label a is log(1 + exp(b - a)).
        var expectedLoss = (Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-1)) +
                            Math.Log(1 + Math.Exp(2))) / 4;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(evaluation.Accuracy, Is.EqualTo(0.75));
            Assert.That(evaluation.Loss, Is.EqualTo(expectedLoss).Within(1e-12));
        }
    }

    [Test]
    public void Of_LogisticRegressionWithSignTargets_CountsSignAgreements()
    {
        // theta = (1, -1): scores 1, -1, 2, -1 against targets +1, -1, -1, +1, so two of four agree.
        var dataset = new Dataset("signs", 4, [2], [2, 1, 1, 2, 3, 1, 0, 1], null, 0, [1, -1, -1, 1]);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LogisticRegression(2, lambda: 0));
        double[] theta = [1, -1];
        theta.CopyTo(model.Parameters);

        var evaluation = Evaluation.Of(model.Model, data, lossIsMean: false, chunk: 3);

        var expectedLoss = Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(2)) +
                           Math.Log(1 + Math.Exp(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(evaluation.Accuracy, Is.EqualTo(0.5));
            Assert.That(evaluation.Loss, Is.EqualTo(expectedLoss).Within(1e-12));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    public void Of_SummedLoss_IsTheSumOverChunks(int chunk)
    {
        using var data = new TensorData(Regression(), ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));
        double[] theta = [0.5, -1.0];
        theta.CopyTo(model.Parameters);

        var evaluation = Evaluation.Of(model.Model, data, lossIsMean: false, chunk: chunk);

        // Residuals x'theta - y: -2.5, -3.5, -0.5, 1, -2; the loss is half their sum of squares.
        var expected = 0.5 * ((2.5 * 2.5) + (3.5 * 3.5) + (0.5 * 0.5) + 1 + 4);
        Assert.That(evaluation.Loss, Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void Of_MeanLoss_WithChunksSmallerThanTheDataset_IsTheMeanOverTheWholeSet(int chunk)
    {
        var dataset = new Dataset(
            "five", 5, [2], [1, 0, 0, 1, 2, 1, 1, 3, -1, 2], [0, 1, 0, 0, 1], 2, null);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.ClassLabels);
        using var model = new FlatModel<double>(new SoftmaxRegression(2, 2, dtype: ScalarType.Float64));
        double[] parameters = [1, 0.5, -0.5, 1, 0.25, 0];
        parameters.CopyTo(model.Parameters);
        var wholeSet = model.Loss(data.All);

        var evaluation = Evaluation.Of(model.Model, data, lossIsMean: true, chunk: chunk);

        Assert.That(evaluation.Loss, Is.EqualTo(wholeSet).Within(1e-12));
    }

    [Test]
    public void Of_RegressionTargets_GiveNaNAccuracy()
    {
        using var data = new TensorData(Regression(), ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));

        var evaluation = Evaluation.Of(model.Model, data, lossIsMean: false, chunk: 2);

        Assert.That(evaluation.Accuracy, Is.NaN);
    }

    [Test]
    public void Of_RepeatedCalls_LeaveNoLiveTensors()
    {
        using var data = new TensorData(Regression(), ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));
        Evaluation.Of(model.Model, data, lossIsMean: false, chunk: 2);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 20; i++)
        {
            Evaluation.Of(model.Model, data, lossIsMean: false, chunk: 2);
        }

        Assert.That(DisposeScopeManager.Statistics.ThreadTotalLiveCount, Is.EqualTo(before));
    }

    /// <summary>Five samples of two features with real targets (not all -1/+1).</summary>
    private static Dataset Regression() =>
        new("regression", 5, [2], [1, 2, 3, 4, 1, 1, 0, 2, 2, 2], null, 0, [1, 1, 0, -3, 1]);
}
