namespace Sasg.Learning.Models;

/// <summary>How a residual block's shortcut changes shape (He et al. 2016, section 3.3).</summary>
internal enum ResNetShortcut
{
    /// <summary>Option B: a 1x1 convolution with the block's stride, then batch norm (ResNet18 for CIFAR).</summary>
    Projection,

    /// <summary>Option A: every second pixel, new channels zero (no parameters; the paper's CIFAR ResNet-20).</summary>
    ZeroPad,
}
