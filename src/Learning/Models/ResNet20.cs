using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>ResNet-20, He et al. 2016's small CIFAR network: conv 3x3 3-16 (no bias), BN, ReLU; three stages of three
/// basic blocks with 16, 32, 64 channels and strides 1, 2, 2; global average pool; linear 64-classes; mean
/// cross-entropy.</summary>
/// <remarks>
/// Shortcuts are the paper's option A for CIFAR (identity; where the shape changes, every second pixel with the new
/// channels zero), so the blocks add no parameters: 269,722 parameters in 59 tensors for 10 classes. Names follow
/// <see cref="ResNet18"/>: <c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1.weight</c> ... <c>linear.weight</c>.
/// </remarks>
public sealed class ResNet20 : SupervisedModel
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ModuleList<ResNetBasicBlock> layer1;
    private readonly ModuleList<ResNetBasicBlock> layer2;
    private readonly ModuleList<ResNetBasicBlock> layer3;
    private readonly Linear linear;

    /// <summary>A network for 3-channel images (32x32 as CIFAR's) and <paramref name="classes"/> outputs.</summary>
    public ResNet20(int classes = 10, ScalarType dtype = ScalarType.Float32)
        : base(nameof(ResNet20))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        conv1 = nn.Conv2d(3, 16, 3, stride: 1, padding: 1, bias: false, dtype: dtype);
        bn1 = nn.BatchNorm2d(16, dtype: dtype);
        layer1 = Stage(16, 16, 1, dtype);
        layer2 = Stage(16, 32, 2, dtype);
        layer3 = Stage(32, 64, 2, dtype);
        linear = nn.Linear(64, classes, dtype: dtype);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TargetKind TargetKind => TargetKind.ClassLabels;

    /// <inheritdoc/>
    /// <remarks>Each intermediate tensor is disposed once the next layer has read it, so that the backward pass frees
    /// the activations as it goes (see <see cref="ResNetBasicBlock.forward"/>).</remarks>
    public override Tensor forward(Tensor input)
    {
        var x = ResNetStem.Forward(conv1, bn1, input);
        return ResNetStem.Body(x, [layer1, layer2, layer3], linear);
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

    private static ModuleList<ResNetBasicBlock> Stage(int inPlanes, int planes, int stride, ScalarType dtype) => new(
        new ResNetBasicBlock(inPlanes, planes, stride, ResNetShortcut.ZeroPad, dtype),
        new ResNetBasicBlock(planes, planes, 1, ResNetShortcut.ZeroPad, dtype),
        new ResNetBasicBlock(planes, planes, 1, ResNetShortcut.ZeroPad, dtype));
}
