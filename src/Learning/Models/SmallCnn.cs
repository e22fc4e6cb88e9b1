using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>The LASG code's CNN for 28x28 images: conv 1-20 (5x5), ELU, pool 2, conv 20-50 (5x5), ELU, pool 2,
/// FC 800-500, ELU, FC 500-classes; mean cross-entropy.</summary>
public sealed class SmallCnn : SupervisedModel
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>A network for one-channel 28x28 inputs and <paramref name="classes"/> outputs.</summary>
    public SmallCnn(int classes = 10, ScalarType dtype = ScalarType.Float32)
        : base(nameof(SmallCnn))
    {
        conv1 = nn.Conv2d(1, 20, 5, dtype: dtype);
        conv2 = nn.Conv2d(20, 50, 5, dtype: dtype);
        fc1 = nn.Linear(800, 500, dtype: dtype);
        fc2 = nn.Linear(500, classes, dtype: dtype);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TargetKind TargetKind => TargetKind.ClassLabels;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = input.reshape(-1, 1, 28, 28);
        x = nn.functional.max_pool2d(TensorScalars.Elu(conv1.call(x), 1.0), 2);
        x = nn.functional.max_pool2d(TensorScalars.Elu(conv2.call(x), 1.0), 2);
        x = TensorScalars.Elu(fc1.call(x.flatten(1)), 1.0);
        return fc2.call(x);
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);
}
