using Sasg.Learning.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>The residual networks' basic block: conv 3x3 (stride s), BN, ReLU, conv 3x3, BN, plus the shortcut, ReLU.
/// </summary>
/// <remarks>
/// The fields are named as in the SASG authors' <c>sasg-dis/tasks/cifar_architectures/resnet.py</c> (kuangliu's
/// pytorch-cifar form): <c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, and <c>shortcut.0</c> (conv 1x1) and
/// <c>shortcut.1</c> (BN) when the block changes the shape. With <see cref="ResNetShortcut.ZeroPad"/> a shape-changing
/// shortcut has no parameters: it takes every second pixel and pads the new channels with zeros, half on each side
/// (He et al. 2016's option A for CIFAR).
/// </remarks>
internal sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly ModuleList<nn.Module>? shortcut;
    private readonly int stride;
    private readonly long padChannels;

    /// <summary>A block from <paramref name="inPlanes"/> to <paramref name="planes"/> channels.</summary>
    public ResNetBasicBlock(int inPlanes, int planes, int stride, ResNetShortcut kind, ScalarType dtype)
        : base(nameof(ResNetBasicBlock))
    {
        this.stride = stride;
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false, dtype: dtype);
        bn1 = nn.BatchNorm2d(planes, dtype: dtype);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false, dtype: dtype);
        bn2 = nn.BatchNorm2d(planes, dtype: dtype);
        if (stride != 1 || inPlanes != planes)
        {
            if (kind == ResNetShortcut.Projection)
            {
                shortcut = new ModuleList<nn.Module>(
                    nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false, dtype: dtype),
                    nn.BatchNorm2d(planes, dtype: dtype));
            }
            else
            {
                if ((planes - inPlanes) % 2 != 0)
                {
                    throw new ArgumentException("A zero-padding shortcut needs an even number of new channels.", nameof(planes));
                }

                padChannels = (planes - inPlanes) / 2;
            }
        }

        RegisterComponents();
    }

    /// <summary>Whether the shortcut is not the identity (a projection or a subsample with zero padding).</summary>
    public bool ChangesShape => shortcut is not null || padChannels > 0 || stride != 1;

    /// <inheritdoc/>
    /// <remarks>The block's intermediate tensors are disposed when it returns: autograd keeps what the backward pass
    /// needs, and frees it node by node as that pass runs, as in PyTorch, instead of when the caller's dispose scope
    /// ends (docs/benchmarks.md, "ResNet worker step beside PyTorch"). The same operations on the same tensors: the
    /// same bits.</remarks>
    public override Tensor forward(Tensor input)
    {
        using var convolved1 = conv1.call(input);
        using var normalised1 = ResNetBatchNorm.Forward(bn1, convolved1);
        using var activated1 = nn.functional.relu(normalised1);
        using var convolved2 = conv2.call(activated1);
        using var normalised2 = ResNetBatchNorm.Forward(bn2, convolved2);
        using var shortcut = Shortcut(input);
        using var sum = TensorScalars.Add(normalised2, shortcut ?? input);
        return nn.functional.relu(sum);
    }

    /// <summary>The shortcut's output, or null for the identity (the input itself, which the block does not own).
    /// </summary>
    private Tensor? Shortcut(Tensor input)
    {
        if (shortcut is not null)
        {
            using var projected = ((Conv2d)shortcut[0]).call(input);
            return ResNetBatchNorm.Forward((BatchNorm2d)shortcut[1], projected);
        }

        if (!ChangesShape)
        {
            return null;
        }

        if (stride == 1)
        {
            return nn.functional.pad(input, [0, 0, 0, 0, padChannels, padChannels]);
        }

        using var rows = input.slice(2, 0, input.shape[2], stride);
        var subsampled = rows.slice(3, 0, input.shape[3], stride);
        if (padChannels == 0)
        {
            return subsampled;
        }

        using (subsampled)
        {
            return nn.functional.pad(subsampled, [0, 0, 0, 0, padChannels, padChannels]);
        }
    }
}
