namespace Sasg.Experiments.Scenarios;

/// <summary>The model being trained (<c>model.kind</c>).</summary>
public enum ModelKind
{
    /// <summary>"linear": least squares, the LAG papers' regression problems.</summary>
    Linear,

    /// <summary>"logistic": binary logistic regression with labels in {-1, +1} and optional L2.</summary>
    Logistic,

    /// <summary>"softmax": multinomial logistic regression with optional L2.</summary>
    Softmax,

    /// <summary>"mlp": a fully connected network with ReLU hidden layers.</summary>
    Mlp,

    /// <summary>"cnn": the small convolutional network.</summary>
    Cnn,

    /// <summary>"resnet18": ResNet18 in the SASG authors' CIFAR form, for 3-channel 32x32 images.</summary>
    ResNet18,

    /// <summary>"resnet20": He et al.'s CIFAR ResNet-20, for 3-channel 32x32 images.</summary>
    ResNet20,

    /// <summary>"torchscript": a network the user brings as a TorchScript file (<c>model.path</c>).</summary>
    TorchScript,
}
