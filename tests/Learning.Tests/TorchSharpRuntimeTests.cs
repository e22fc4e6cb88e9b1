using static TorchSharp.torch;

namespace Sasg.Learning.Tests;

/// <summary>TorchSharp's native library loads from the build output and computes real gradients.</summary>
[NonParallelizable]
public sealed class TorchSharpRuntimeTests
{
    [Test]
    public void Backward_OfSumOfSquares_GivesTwiceTheInput()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, -2.0, 3.5 }, dtype: ScalarType.Float64, requires_grad: true);

        var loss = (x * x).sum();
        loss.backward();

        Assert.That(x.grad!.data<double>().ToArray(), Is.EqualTo(new[] { 2.0, -4.0, 7.0 }));
    }

    [Test]
    public void Backward_OfLeastSquares_MatchesClosedForm()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1.0, 2.0, 3.0, 4.0 }, dtype: ScalarType.Float64).reshape(2, 2);
        var b = tensor(new[] { 1.0, 1.0 }, dtype: ScalarType.Float64);
        var theta = tensor(new[] { 0.5, -1.0 }, dtype: ScalarType.Float64, requires_grad: true);

        var residual = a.matmul(theta) - b;
        (0.5 * residual.dot(residual)).backward();

        // gradient = A^T (A theta - b) = A^T [-2.5, -3.5] = [-13, -19]
        Assert.That(theta.grad!.data<double>().ToArray(), Is.EqualTo(new[] { -13.0, -19.0 }).Within(1e-12));
    }
}
