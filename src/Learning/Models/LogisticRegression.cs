using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Binary logistic regression without bias: sum_i log(1 + exp(-y_i x_i' theta)) + lambda/2 ||theta||^2.</summary>
/// <remarks>
/// Targets are -1/+1. The regulariser is added once per call, so a worker's loss carries its own lambda term, as in
/// the LAG authors' code (each worker adds lambda * theta to its gradient).
/// </remarks>
public sealed class LogisticRegression : SupervisedModel
{
    private readonly Parameter theta;
    private readonly double _lambda;

    /// <summary>A model of <paramref name="features"/> zero weights with l2 coefficient <paramref name="lambda"/>.</summary>
    public LogisticRegression(int features, double lambda, ScalarType dtype = ScalarType.Float64)
        : base(nameof(LogisticRegression))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        _lambda = lambda;
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
        var data = nn.functional.softplus(-(target * output)).sum();
        return _lambda == 0 ? data : data + (0.5 * _lambda) * theta.dot(theta);
    }
}
