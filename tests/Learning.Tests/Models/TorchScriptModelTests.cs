using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using Sasg.TestSupport;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

/// <summary>A TorchScript file, written here without PyTorch, trains like the built-in model it encodes.</summary>
[NonParallelizable]
public sealed class TorchScriptModelTests
{
    private const int Samples = 12;
    private const int Features = 6;
    private const int Hidden = 5;
    private const int Classes = 4;

    private TemporaryDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TemporaryDirectory();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Gradient_Float64_MatchesTheSameMlpBuiltInCSharp() =>
        AssertGradientMatchesMlp<double>(ScalarType.Float64, 1e-12);

    [Test]
    public void Gradient_Float32_MatchesTheSameMlpBuiltInCSharpToSinglePrecision() =>
        AssertGradientMatchesMlp<float>(ScalarType.Float32, 1e-5);

    [Test]
    public void Blocks_AreTheFilesParameterTensors_WithPyTorchsNames()
    {
        using var model = new FlatModel<float>(Load(WriteMlp(), [Features]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Blocks.Select(b => b.Name), Is.EqualTo(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }));
            Assert.That(model.Blocks.Select(b => b.Length), Is.EqualTo(new[] { Hidden * Features, Hidden, Classes * Hidden, Classes }));
        }
    }

    [Test]
    public void Parameters_WrittenThroughTheFlatVector_AreWhatTheScriptComputesWith()
    {
        using var tensors = new TensorData(ClassData(), ScalarType.Float32, TargetKind.ClassLabels);
        using var model = new FlatModel<float>(Load(WriteMlp(), [Features]));
        var before = model.Loss(tensors.All);

        model.Parameters.Clear();
        var zero = model.Loss(tensors.All);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(zero, Is.EqualTo(Math.Log(Classes)).Within(1e-6), "all-zero weights give uniform logits");
            Assert.That(before, Is.Not.EqualTo(zero).Within(1e-6));
        }
    }

    [Test]
    public void InputShape_ReshapesFlatSamples_BeforeForward()
    {
        // The script flattens from dimension 1 itself, so [2, 3] per sample must give the same loss as [6].
        using var tensors = new TensorData(ClassData(), ScalarType.Float32, TargetKind.ClassLabels);
        var path = WriteMlp();
        using var flat = new FlatModel<float>(Load(path, [Features]));
        using var shaped = new FlatModel<float>(Load(path, [2, 3]));

        Assert.That(shaped.Loss(tensors.All), Is.EqualTo(flat.Loss(tensors.All)));
    }

    [Test]
    public void BatchNorm_GradientStepsUpdateTheRunningStatistics_AndEvaluationUsesThemWithoutChangingThem()
    {
        var path = Path.Combine(_folder.Path, "bn.pt");
        TorchScriptModels.WriteBatchNormNet(path, Features, Classes);
        using var tensors = new TensorData(ClassData(), ScalarType.Float32, TargetKind.ClassLabels);
        using var model = new FlatModel<float>(Load(path, [Features]));
        var runningMean = model.Model.named_buffers().Single(b => b.name == "running_mean").buffer;

        var initial = Values(runningMean);
        model.ComputeGradient(tensors.All);
        var afterStep = Values(runningMean);
        model.Loss(tensors.All);
        Evaluation.Of(model.Model, tensors, lossIsMean: true);
        var afterEvaluation = Values(runningMean);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(initial, Is.All.EqualTo(0f));
            Assert.That(afterStep, Is.Not.EqualTo(initial), "a training-mode forward pass updates the running mean");
            Assert.That(afterEvaluation, Is.EqualTo(afterStep), "evaluation runs in evaluation mode");
            Assert.That(model.Blocks.Select(b => b.Name), Is.EqualTo(new[] { "weight", "bias", "bn_weight", "bn_bias" }), "buffers are not parameters");
        }
    }

    [Test]
    public void Load_BytesThatAreNotTorchScript_IsAFileProblemInOneLine()
    {
        var ex = Assert.Throws<TorchScriptException>(() => TorchScriptModel.Load("not a zip file"u8.ToArray(), [Features], TorchScriptLoss.CrossEntropy));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex.Problem.Kind, Is.EqualTo(TorchScriptProblemKind.File));
            Assert.That(ex.Problem.Problem, Does.StartWith("the file is not a TorchScript module").And.Not.Contain("\n"));
        }
    }

    [Test]
    public void Load_EmptyFile_IsAFileProblem()
    {
        var ex = Assert.Throws<TorchScriptException>(() => TorchScriptModel.Load([], [Features], TorchScriptLoss.CrossEntropy));

        Assert.That(ex.Problem.Kind, Is.EqualTo(TorchScriptProblemKind.File));
    }

    [Test]
    public void Check_AFittingModel_HasNoProblem()
    {
        using var model = Load(WriteMlp(), [Features]);

        Assert.That(TorchScriptCheck.Check(model, ScalarType.Float32, new double[Features], Classes), Is.Null);
    }

    [Test]
    public void Check_Float32FileForAFloat64Run_IsAPrecisionProblemNamingTheParameter()
    {
        using var model = Load(WriteMlp(), [Features]);

        var problem = TorchScriptCheck.Check(model, ScalarType.Float64, new double[Features], Classes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem?.Kind, Is.EqualTo(TorchScriptProblemKind.Precision));
            Assert.That(problem?.Problem, Is.EqualTo("parameter 'fc1.weight' is float32 but the run trains in float64"));
            Assert.That(problem?.Fix, Does.Contain("\"precision\": \"float32\""));
        }
    }

    [Test]
    public void Check_AnInputShapeOfOtherSize_IsAnInputProblem()
    {
        using var model = Load(WriteMlp(), [1, 28, 28]);

        var problem = TorchScriptCheck.Check(model, ScalarType.Float32, new double[Features], Classes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem?.Kind, Is.EqualTo(TorchScriptProblemKind.Input));
            Assert.That(problem?.Problem, Is.EqualTo("input shape [1, 28, 28] holds 784 values but the data's samples have 6"));
        }
    }

    [Test]
    public void Check_DataTheModelsFirstLayerDoesNotTake_IsAnInputProblemWithLibtorchsFirstLine()
    {
        using var model = Load(WriteMlp(), [Features + 2]);

        var problem = TorchScriptCheck.Check(model, ScalarType.Float32, new double[Features + 2], Classes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem?.Kind, Is.EqualTo(TorchScriptProblemKind.Input));
            Assert.That(problem?.Problem, Does.StartWith("forward fails on one sample shaped [1, 8]: ").And.Not.Contain("\n"));
            Assert.That(problem?.Problem, Does.EndWith("mat1 and mat2 shapes cannot be multiplied (1x8 and 6x5)"));
        }
    }

    [Test]
    public void FirstLine_OfAnErrorInsideAScript_IsTheErrorAtTheEndOfTheTraceback()
    {
        var message = string.Join('\n', [
            "The following operation failed in the TorchScript interpreter.",
            "Traceback of TorchScript, serialized code (most recent call last):",
            "    return torch.linear(input, weight, bias)",
            "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4 and 5x3)",
            "Exception raised from meta at /pytorch/aten/src/ATen/native/LinearAlgebra.cpp:198 (most recent call first):"]);

        Assert.That(TorchScriptModel.FirstLine(message), Is.EqualTo("mat1 and mat2 shapes cannot be multiplied (1x4 and 5x3)"));
    }

    [Test]
    public void Check_FewerOutputsThanClasses_IsAnOutputProblem()
    {
        using var model = Load(WriteMlp(), [Features]);

        var problem = TorchScriptCheck.Check(model, ScalarType.Float32, new double[Features], Classes + 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem?.Kind, Is.EqualTo(TorchScriptProblemKind.Output));
            Assert.That(problem?.Fix, Is.EqualTo("give the model 5 outputs"));
        }
    }

    [Test]
    public void Check_MseOnAModelWithSeveralOutputs_IsAnOutputProblem()
    {
        using var model = Load(WriteMlp(), [Features], TorchScriptLoss.MeanSquaredError);

        var problem = TorchScriptCheck.Check(model, ScalarType.Float32, new double[Features], 0);

        Assert.That(problem?.Kind, Is.EqualTo(TorchScriptProblemKind.Output));
    }

    [Test]
    public void Mse_OnAOneOutputModel_IsTheMeanSquaredErrorOfItsOutputs()
    {
        var path = Path.Combine(_folder.Path, "one.pt");
        TorchScriptModels.WriteMlp(path, Features, Hidden, 1);
        var data = RealData();
        using var tensors = new TensorData(data, ScalarType.Float32, TargetKind.RealTargets);
        using var model = new FlatModel<float>(Load(path, [Features], TorchScriptLoss.MeanSquaredError));

        var loss = model.Loss(tensors.All);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var outputs = model.Model.call(tensors.Features).data<float>().ToArray();
        var expected = outputs.Select((o, i) => Math.Pow(o - data.Targets![i], 2)).Average();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Model.TargetKind, Is.EqualTo(TargetKind.RealTargets));
            Assert.That(outputs, Has.Length.EqualTo(Samples));
            Assert.That(loss, Is.EqualTo(expected).Within(1e-6));
        }
    }

    private void AssertGradientMatchesMlp<T>(ScalarType dtype, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var tensors = new TensorData(ClassData(), dtype, TargetKind.ClassLabels);
        using var mlp = new FlatModel<T>(new Mlp([Features, Hidden, Classes], dtype), useAnalyticGradient: false);
        var random = new Random(3);
        var point = Enumerable.Range(0, mlp.Length).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
        point.CopyTo(mlp.Parameters);
        var path = Path.Combine(_folder.Path, "mlp.pt");
        var blocks = mlp.Blocks.Select(b => (Array)point.AsSpan(b.Offset, b.Length).ToArray()).ToArray();
        TorchScriptModels.WriteMlp(path, Features, Hidden, Classes, blocks[0], blocks[1], blocks[2], blocks[3]);
        using var script = new FlatModel<T>(Load(path, [Features]));

        var expectedLoss = mlp.ComputeGradient(tensors.All);
        var loss = script.ComputeGradient(tensors.All);

        var expected = mlp.Gradient.ToArray().Select(double.CreateTruncating).ToArray();
        var actual = script.Gradient.ToArray().Select(double.CreateTruncating).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(script.Parameters.ToArray(), Is.EqualTo(point), "the file's weights are the C# model's");
            Assert.That(loss, Is.EqualTo(expectedLoss).Within(tolerance));
            Assert.That(actual, Is.EqualTo(expected).Within(tolerance));
            Assert.That(expected.Count(g => g != 0), Is.GreaterThan(expected.Length / 2), "a gradient that is not trivially zero");
        }
    }

    private string WriteMlp()
    {
        var path = Path.Combine(_folder.Path, "mlp.pt");
        if (!File.Exists(path))
        {
            TorchScriptModels.WriteMlp(path, Features, Hidden, Classes);
        }

        return path;
    }

    private static TorchScriptModel Load(string path, int[] inputShape, TorchScriptLoss loss = TorchScriptLoss.CrossEntropy) =>
        TorchScriptModel.Load(File.ReadAllBytes(path), inputShape, loss);

    private static float[] Values(Tensor tensor) => tensor.data<float>().ToArray();

    private static Dataset ClassData()
    {
        var random = new Random(7);
        var features = Enumerable.Range(0, Samples * Features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var labels = Enumerable.Range(0, Samples).Select(i => i % Classes).ToArray();
        return new Dataset("class", Samples, [Features], features, labels, Classes, null);
    }

    private static Dataset RealData()
    {
        var random = new Random(9);
        var features = Enumerable.Range(0, Samples * Features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var targets = Enumerable.Range(0, Samples).Select(_ => random.NextDouble()).ToArray();
        return new Dataset("real", Samples, [Features], features, null, 0, targets);
    }
}
