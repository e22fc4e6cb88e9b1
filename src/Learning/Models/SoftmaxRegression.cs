using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Multinomial logistic regression: one linear layer and the mean cross-entropy, plus an optional l2 term.</summary>
/// <remarks>LAQ's MNIST model (loss = mean cross-entropy + l2 * 0.5 * ||w||^2 on weight and bias).</remarks>
public sealed class SoftmaxRegression : SupervisedModel, IAnalyticGradient
{
    private readonly Linear fc;
    private readonly double _l2;

    /// <summary>A model from <paramref name="features"/> inputs to <paramref name="classes"/> outputs.</summary>
    public SoftmaxRegression(int features, int classes, double l2 = 0, ScalarType dtype = ScalarType.Float32)
        : base(nameof(SoftmaxRegression))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(l2);
        _l2 = l2;
        fc = nn.Linear(features, classes, dtype: dtype);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TargetKind TargetKind => TargetKind.ClassLabels;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => fc.call(input.flatten(1));

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target)
    {
        var loss = nn.functional.cross_entropy(output, target);
        if (_l2 == 0)
        {
            return loss;
        }

        return TensorScalars.Add(loss, TensorScalars.Mul(SquaredNorm(), 0.5 * _l2));
    }

    /// <inheritdoc/>
    /// <remarks>With d = (softmax - onehot) / batch: dW = d' x + l2 W and db = the column sums of d + l2 b.</remarks>
    public Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(gradients);
        var x = input.flatten(1);
        var loss = CrossEntropyGradient.Compute(fc.call(x), target, out var delta);
        gradients[0].addmm_(delta.t(), x, beta: 0, alpha: 1);
        gradients[1].copy_(delta.sum(0, keepdim: false));
        if (_l2 == 0)
        {
            return loss;
        }

        TensorScalars.AddScaledInPlace(gradients[0], fc.weight!, _l2);
        TensorScalars.AddScaledInPlace(gradients[1], fc.bias!, _l2);
        return TensorScalars.Add(loss, TensorScalars.Mul(SquaredNorm(), 0.5 * _l2));
    }

    // ||W||^2 + ||b||^2 for the l2 term.
    private Tensor SquaredNorm() => TensorScalars.Add(TensorScalars.Pow(fc.weight!, 2).sum(), TensorScalars.Pow(fc.bias!, 2).sum());
}
