using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

[NonParallelizable]
public sealed class FlatModelTests
{
    [Test]
    public void Mlp784_512_10_Has407050ParametersInFourBlocks()
    {
        using var model = new FlatModel<float>(new Mlp([784, 512, 10]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Length, Is.EqualTo(407_050));
            Assert.That(model.Blocks.Select(b => b.Length), Is.EqualTo(new[] { 401_408, 512, 5_120, 10 }));
            Assert.That(model.Blocks.Select(b => b.Offset), Is.EqualTo(new[] { 0, 401_408, 401_920, 407_040 }));
            Assert.That(model.Blocks[0].Name, Is.EqualTo("layers.0.weight"));
        }
    }

    [Test]
    public void LinearRegression_GradientSpan_IsTheClosedFormGradient()
    {
        var data = TinyRegression();
        using var tensors = new TensorData(data, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));
        double[] theta = [0.5, -1.0];
        theta.CopyTo(model.Parameters);

        var loss = model.ComputeGradient(tensors.All);

        // residuals: [1*0.5 + 2*-1 - 1, 3*0.5 + 4*-1 - 1] = [-2.5, -3.5]; gradient = X'r = [-13, -19].
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Gradient.ToArray(), Is.EqualTo(new[] { -13.0, -19.0 }).Within(1e-12));
            Assert.That(loss, Is.EqualTo(0.5 * ((2.5 * 2.5) + (3.5 * 3.5))).Within(1e-12));
        }
    }

    [Test]
    public void ComputeGradient_ZeroesTheGradientFirst_SoRepeatedCallsAgree()
    {
        var data = TinyRegression();
        using var tensors = new TensorData(data, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));

        model.ComputeGradient(tensors.All);
        var first = model.Gradient.ToArray();
        model.ComputeGradient(tensors.All);

        Assert.That(model.Gradient.ToArray(), Is.EqualTo(first));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AsideGradient_HasTheGradientsBits_AndNeitherBufferOverwritesTheOther(bool analytic)
    {
        manual_seed(3);
        using var model = new FlatModel<float>(new Mlp([6, 5, 3]), useAnalyticGradient: analytic);
        using var x = randn(4, 6);
        using var y = tensor(new long[] { 0, 2, 1, 2 });
        var batch = new Batch(x, y);

        model.ComputeGradient(batch);
        var plain = model.Gradient.ToArray();
        model.Parameters[0] += 0.5f;
        var lossAside = model.ComputeGradient(batch, aside: true);
        var aside = model.AsideGradient.ToArray();
        model.Parameters[0] -= 0.5f;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Gradient.ToArray(), Is.EqualTo(plain), "an aside gradient left the gradient as it was");
            Assert.That(aside, Is.Not.EqualTo(plain), "the aside gradient is of the moved point");
        }

        // The aside buffer holds exactly what the plain one computes at that point, and survives a plain gradient.
        model.Parameters[0] += 0.5f;
        var lossPlain = model.ComputeGradient(batch);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Gradient.ToArray().Select(BitConverter.SingleToInt32Bits), Is.EqualTo(aside.Select(BitConverter.SingleToInt32Bits)));
            Assert.That(lossPlain, Is.EqualTo(lossAside));
            Assert.That(model.AsideGradient.ToArray(), Is.EqualTo(aside));
        }
    }

    [Test]
    public void ComputeAsideGradient_HasTheBitsOfTheModuleHoldingThePoint_AndLeavesTheModuleAlone()
    {
        // Two hidden layers, so the backward pass reads a weight other than the last one's.
        manual_seed(4);
        using var model = new FlatModel<float>(new Mlp([6, 5, 4, 3]));
        using var x = randn(7, 6);
        using var y = tensor(new long[] { 0, 2, 1, 2, 1, 0, 0 });
        var batch = new Batch(x, y);
        var theta = model.Parameters.ToArray();
        var point = theta.Select((v, i) => v + (0.1f * MathF.Sin(i))).ToArray();
        model.ComputeGradient(batch);
        var gradientAtTheta = model.Gradient.ToArray();

        point.CopyTo(model.AsideParameters);
        var lossAside = model.ComputeAsideGradient(batch);
        var aside = model.AsideGradient.ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Parameters.ToArray(), Is.EqualTo(theta), "the module's parameters were not touched");
            Assert.That(model.Gradient.ToArray(), Is.EqualTo(gradientAtTheta), "nor its gradient");
        }

        point.CopyTo(model.Parameters);
        var lossPlain = model.ComputeGradient(batch);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aside.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(model.Gradient.ToArray().Select(BitConverter.SingleToInt32Bits)));
            Assert.That(BitConverter.DoubleToInt64Bits(lossAside), Is.EqualTo(BitConverter.DoubleToInt64Bits(lossPlain)));
        }
    }

    [Test]
    public void ComputeAsideGradient_InFloat64_HasTheBitsOfTheModuleHoldingThePoint()
    {
        manual_seed(6);
        using var model = new FlatModel<double>(new Mlp([5, 4, 3], ScalarType.Float64));
        using var x = randn(6, 5, dtype: ScalarType.Float64);
        using var y = tensor(new long[] { 0, 2, 1, 2, 1, 0 });
        var batch = new Batch(x, y);
        var point = model.Parameters.ToArray().Select((v, i) => v - (0.05 * Math.Cos(i))).ToArray();

        point.CopyTo(model.AsideParameters);
        model.ComputeAsideGradient(batch);
        point.CopyTo(model.Parameters);
        model.ComputeGradient(batch);

        Assert.That(model.AsideGradient.ToArray().Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(model.Gradient.ToArray().Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void ComputesAside_OnlyForAnAnalyticGradientThatTakesOutsideParameters()
    {
        using var autograd = new FlatModel<float>(new Mlp([3, 2]), useAnalyticGradient: false);
        using var softmax = new FlatModel<float>(new SoftmaxRegression(3, 2));
        using var mlp = new FlatModel<float>(new Mlp([3, 2]));
        using var x = randn(2, 3);
        using var y = tensor(new long[] { 0, 1 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mlp.ComputesAside, Is.True);
            Assert.That(autograd.ComputesAside, Is.False);
            Assert.That(softmax.ComputesAside, Is.False);
            Assert.That(autograd.AsideParameters.Length, Is.Zero);
            Assert.That(() => autograd.ComputeAsideGradient(new Batch(x, y)), Throws.InvalidOperationException);
        }
    }

    [Test]
    public void WritingParameters_ChangesTheModelsOutput()
    {
        var data = TinyRegression();
        using var tensors = new TensorData(data, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));
        using var scope = NewDisposeScope();

        model.Parameters[1] = 2.0;

        Assert.That(model.Model.call(tensors.Features).data<double>().ToArray(), Is.EqualTo(new[] { 4.0, 8.0 }));
    }

    [Test]
    public void ComputeGradientAt_LeavesParametersAtTheGivenPoint_AndCopiesTheGradient()
    {
        var data = TinyRegression();
        using var tensors = new TensorData(data, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LinearRegression(2));
        var gradient = new double[2];

        model.ComputeGradientAt([0.5, -1.0], tensors.All, gradient);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gradient, Is.EqualTo(new[] { -13.0, -19.0 }).Within(1e-12));
            Assert.That(model.Parameters.ToArray(), Is.EqualTo(new[] { 0.5, -1.0 }));
        }
    }

    [Test]
    public void Constructor_WhenDTypeDoesNotMatch_Throws()
    {
        Assert.That(() => new FlatModel<double>(new Mlp([4, 2])), Throws.ArgumentException.With.Message.Contains("Float64"));
    }

    internal static Dataset TinyRegression() => new("tiny", 2, [2], [1, 2, 3, 4], null, 0, [1, 1]);
}
