using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>A fully connected network with ReLU between layers and the mean cross-entropy loss.</summary>
/// <remarks>784-512-10 is the SASG paper's MNIST model (4 tensors, 407,050 parameters).</remarks>
public sealed class Mlp : SupervisedModel, IAnalyticGradientAt
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

    /// <inheritdoc/>
    /// <remarks>Backward pass: for the last layer down, dW = d' a (written in place by <c>addmm_</c>), db = the column
    /// sums of d, then d = d W masked where the layer's ReLU output is zero. The input's gradient is never formed,
    /// as autograd does not form it for data that needs no gradient.</remarks>
    public Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor> gradients) =>
        LossAndGradient(input, target, null, gradients);

    /// <inheritdoc/>
    /// <remarks>The layers are applied as <c>nn.Linear</c> applies itself (<c>functional.linear</c>, one ATen call), so
    /// the values and their bits are those of <see cref="LossAndGradient(Tensor, Tensor, IReadOnlyList{Tensor})"/> with
    /// the module holding <paramref name="parameters"/>.</remarks>
    public Tensor LossAndGradientAt(Tensor input, Tensor target, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count != 2 * layers.Count)
        {
            throw new ArgumentException($"{parameters.Count} parameter tensors for {layers.Count} layers with biases.", nameof(parameters));
        }

        return LossAndGradient(input, target, parameters, gradients);
    }

    // Weights and biases are the layers' own when parameters is null, else parameters[2i] and parameters[2i + 1].
    private Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor>? parameters, IReadOnlyList<Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(gradients);
        var activations = new Tensor[layers.Count];
        var x = input.flatten(1);
        for (var i = 0; i < layers.Count; i++)
        {
            activations[i] = x;
            x = parameters is null ? layers[i].call(x) : nn.functional.linear(x, parameters[2 * i], parameters[(2 * i) + 1]);
            if (i + 1 < layers.Count)
            {
                x = nn.functional.relu(x);
            }
        }

        var loss = CrossEntropyGradient.Compute(x, target, out var delta);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            gradients[2 * i].addmm_(delta.t(), activations[i], beta: 0, alpha: 1);
            gradients[(2 * i) + 1].copy_(delta.sum(0, keepdim: false));
            if (i > 0)
            {
                delta = delta.mm(parameters is null ? layers[i].weight! : parameters[2 * i]);
                TensorScalars.MaskedFillInPlace(delta, TensorScalars.AtMost(activations[i], 0), 0);
            }
        }

        return loss;
    }
}
