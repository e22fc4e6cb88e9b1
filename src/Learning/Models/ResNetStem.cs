using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>What the residual networks share: the first layer (conv 3x3, batch norm, ReLU on the input images) and
/// the run of basic blocks, pooling and classifier after it.</summary>
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

    /// <summary>The rest of the network after the stem: <paramref name="x"/> (which this takes over and disposes)
    /// through every block of <paramref name="stages"/> in order, global average pooling and <paramref name="linear"/>;
    /// each block's input is disposed once the block has run, so the backward pass frees activations as it goes.</summary>
    public static Tensor Body(Tensor x, IEnumerable<ModuleList<ResNetBasicBlock>> stages, Linear linear)
    {
        foreach (var stage in stages)
        {
            foreach (var block in stage)
            {
                using var blockInput = x;
                x = block.call(blockInput);
            }
        }

        using (x)
        {
            using var pooled = nn.functional.adaptive_avg_pool2d(x, [1, 1]);
            using var features = pooled.flatten(1);
            return linear.call(features);
        }
    }
}
