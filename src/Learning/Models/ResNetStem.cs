using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>The residual networks' first layer: conv 3x3, batch norm, ReLU on the input images.</summary>
internal static class ResNetStem
{
    /// <summary>relu(bn(conv(images))) for <paramref name="input"/> as <see cref="ResNetInput.AsImages"/> reads it; the
    /// intermediate tensors are disposed before it returns (autograd keeps what the backward pass needs).</summary>
    public static Tensor Forward(Conv2d conv, BatchNorm2d norm, Tensor input)
    {
        var images = ResNetInput.AsImages(input);
        try
        {
            using var convolved = conv.call(images);
            using var normalised = ResNetBatchNorm.Forward(norm, convolved);
            return nn.functional.relu(normalised);
        }
        finally
        {
            if (!ReferenceEquals(images, input))
            {
                images.Dispose();
            }
        }
    }
}
