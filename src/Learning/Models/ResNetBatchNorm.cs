using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Batch norm's forward pass for the residual networks, with PyTorch's semantics and without TorchSharp's
/// <c>BatchNorm.forward</c>, which adds 1 to <c>num_batches_tracked</c> through a <c>Scalar</c> that nothing keeps
/// alive (docs/architecture.md, "Native memory discipline").</summary>
/// <remarks>In training mode the output is normalised by the batch's statistics and the layer's running mean and
/// variance move towards them by the layer's momentum (0.1); in evaluation mode the running statistics normalise.
/// The running statistics are buffers, not parameters: they are not in a <see cref="Training.FlatModel{T}"/>'s vector
/// (docs/algorithms.md, "Batch norm under data-parallel training").</remarks>
internal static class ResNetBatchNorm
{
    /// <summary><paramref name="layer"/> applied to <paramref name="input"/> in the layer's current mode.</summary>
    public static Tensor Forward(BatchNorm2d layer, Tensor input)
    {
        if (layer.training && layer.num_batches_tracked is { } tracked)
        {
            using var noGrad = no_grad();
            TensorScalars.AddInPlace(tracked, 1L);
        }

        return nn.functional.batch_norm(
            input, layer.running_mean, layer.running_var, layer.weight, layer.bias, layer.training, layer.momentum ?? 0.1, layer.eps);
    }
}
