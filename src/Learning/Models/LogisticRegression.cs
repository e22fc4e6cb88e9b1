using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Binary logistic regression without bias: sum_i log(1 + exp(-y_i x_i' theta)) + lambda/2 ||theta||^2.</summary>
/// <remarks>
/// Targets are -1/+1; a 0 target (the LAG authors' {0,1} labels kept as stored, <see cref="Data.LabelKind.AsStored"/>)
/// makes its row the constant log 2 with no gradient. The regulariser is added once per call, so a worker's loss carries its own lambda term, as in
/// the LAG authors' code (each worker adds lambda * theta to its gradient).
/// </remarks>
public sealed class LogisticRegression : SupervisedModel, IAnalyticGradient
{
    private readonly Parameter theta;
    private const double SoftplusThreshold = 20;
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
        var data = TensorScalars.Softplus(-(target * output)).sum();
        return _lambda == 0 ? data : TensorScalars.Add(data, TensorScalars.Mul(theta.dot(theta), 0.5 * _lambda));
    }

    /// <inheritdoc/>
    /// <remarks>With m = -y x'theta, the gradient is X' (-y softplus'(m)) + lambda theta, where softplus'(m) is
    /// exp(m) / (exp(m) + 1) below autograd's softplus threshold (m = 20) and exactly 1 above it, as autograd computes it.</remarks>
    public Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(gradients);
        var negativeMargin = -(target * input.matmul(theta));
        var growth = negativeMargin.exp();
        var slope = where(TensorScalars.Greater(negativeMargin, SoftplusThreshold), ones_like(negativeMargin), growth / TensorScalars.Add(growth, 1));
        gradients[0].addmv_(input.t(), slope.mul_(-target), beta: 0, alpha: 1);
        var data = TensorScalars.Softplus(negativeMargin).sum();
        if (_lambda == 0)
        {
            return data;
        }

        TensorScalars.AddScaledInPlace(gradients[0], theta, _lambda);
        return TensorScalars.Add(data, TensorScalars.Mul(theta.dot(theta), 0.5 * _lambda));
    }
}
