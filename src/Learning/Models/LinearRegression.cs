using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Linear least squares without bias: loss 0.5 * sum_i (x_i' theta - y_i)^2, summed over the batch.</summary>
/// <remarks>The LAG paper's regression loss (Chen et al., NeurIPS 2018, Sec. 5); theta starts at zero.</remarks>
public sealed class LinearRegression : SupervisedModel, IAnalyticGradient
{
    private readonly Parameter theta;

    /// <summary>A model of <paramref name="features"/> weights, all zero, in <paramref name="dtype"/>.</summary>
    public LinearRegression(int features, ScalarType dtype = ScalarType.Float64)
        : base(nameof(LinearRegression))
    {
        theta = new Parameter(zeros(features, dtype: dtype));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TargetKind TargetKind => TargetKind.RealTargets;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.matmul(theta);

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target)
    {
        var residual = output - target;
        return TensorScalars.Mul(residual.dot(residual), 0.5);
    }

    /// <inheritdoc/>
    /// <remarks>The gradient is X' (X theta - y).</remarks>
    public Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(gradients);
        var residual = input.matmul(theta) - target;
        gradients[0].addmv_(input.t(), residual, beta: 0, alpha: 1);
        return TensorScalars.Mul(residual.dot(residual), 0.5);
    }
}
