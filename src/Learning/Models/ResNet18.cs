using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>ResNet18 in its CIFAR form, as the SASG authors train it: conv 3x3 3-64 (stride 1, no bias), BN, ReLU and
/// no max-pool; four stages of two basic blocks with 64, 128, 256, 512 channels and strides 1, 2, 2, 2 (a 1x1 conv
/// + BN shortcut where the shape changes); global average pool; linear 512-classes; mean cross-entropy.</summary>
/// <remarks>
/// 11,173,962 parameters in 62 tensors for 10 classes. The state-dict names are those of the authors'
/// <c>sasg-dis/tasks/cifar_architectures/resnet.py</c> (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1.weight</c>,
/// <c>layer2.0.shortcut.0.weight</c>, <c>linear.weight</c>); their notebooks' copy names the same tensors differently
/// and in the same order (docs/algorithms.md, "Residual networks").
/// </remarks>
public sealed class ResNet18 : SupervisedModel
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ModuleList<ResNetBasicBlock> layer1;
    private readonly ModuleList<ResNetBasicBlock> layer2;
    private readonly ModuleList<ResNetBasicBlock> layer3;
    private readonly ModuleList<ResNetBasicBlock> layer4;
    private readonly Linear linear;

    /// <summary>A network for 3-channel images (32x32 as CIFAR's) and <paramref name="classes"/> outputs.</summary>
    public ResNet18(int classes = 10, ScalarType dtype = ScalarType.Float32)
        : base(nameof(ResNet18))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        conv1 = nn.Conv2d(3, 64, 3, stride: 1, padding: 1, bias: false, dtype: dtype);
        bn1 = nn.BatchNorm2d(64, dtype: dtype);
        layer1 = Stage(64, 64, 1, dtype);
        layer2 = Stage(64, 128, 2, dtype);
        layer3 = Stage(128, 256, 2, dtype);
        layer4 = Stage(256, 512, 2, dtype);
        linear = nn.Linear(512, classes, dtype: dtype);
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
        return ResNetStem.Body(x, [layer1, layer2, layer3, layer4], linear);
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

    private static ModuleList<ResNetBasicBlock> Stage(int inPlanes, int planes, int stride, ScalarType dtype) => new(
        new ResNetBasicBlock(inPlanes, planes, stride, ResNetShortcut.Projection, dtype),
        new ResNetBasicBlock(planes, planes, 1, ResNetShortcut.Projection, dtype));
}
