namespace Sasg.Experiments.Scenarios;

/// <summary>How image pixels (in [0, 1]) are normalised (<c>data.normalize</c>).</summary>
public enum ImageNormalization
{
    /// <summary>"none": pixels stay in [0, 1].</summary>
    None,

    /// <summary>"mnist": (x - 0.1307) / 0.3081.</summary>
    Mnist,

    /// <summary>"standardize": every feature to mean 0 and standard deviation 1 on the training set.</summary>
    Standardize,

    /// <summary>"cifar10": each of 3 channels c to (x - mean[c]) / sd[c] with the CIFAR-10 training statistics
    /// (<see cref="Learning.Data.Normalization.Cifar10Mean"/>).</summary>
    Cifar10,

    /// <summary>"cifar100": as <see cref="Cifar10"/> with the CIFAR-100 training statistics.</summary>
    Cifar100,
    /// <summary>"dataset": each source with its own constants: the MNIST pair for the grey sources, CIFAR's per-channel
    /// constants for cifar10 and cifar100 (docs/datasets.md).</summary>
    Dataset,
}
