using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>A fully connected network with ReLU between layers and the mean cross-entropy loss.</summary>
/// <remarks>784-512-10 is the SASG paper's MNIST model (4 tensors, 407,050 parameters).</remarks>
public sealed class Mlp : SupervisedModel
{
    private readonly ModuleList<Linear> layers;

    /// <summary>A network with the given layer widths, input first and classes last (for example 784, 512, 10).</summary>
    public Mlp(IReadOnlyList<int> widths, ScalarType dtype = ScalarType.Float32)
        : base(nameof(Mlp))
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2 || widths.Any(w => w <= 0))
        {
            throw new ArgumentException("An MLP needs at least an input and an output width, all positive.", nameof(widths));
        }

        layers = new ModuleList<Linear>();
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            layers.Add(nn.Linear(widths[i], widths[i + 1], dtype: dtype));
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TargetKind TargetKind => TargetKind.ClassLabels;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = input.flatten(1);
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].call(x);
            if (i + 1 < layers.Count)
            {
                x = nn.functional.relu(x);
            }
        }

        return x;
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);
}
