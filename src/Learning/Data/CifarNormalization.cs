namespace Sasg.Learning.Data;

/// <summary>Per-channel normalisation of CIFAR images, with the constants of the SASG authors' code.</summary>
/// <remarks>
/// Both sets of constants are those of the SASG repository (xiaogdeng/SASG, its notebooks and
/// <c>sasg-dis/tasks/cifar.py</c>). CIFAR-10's are the usual ones. For CIFAR-100 the authors divide by the channel
/// means themselves (standard deviation = mean); the pixel standard deviations often quoted elsewhere are about
/// (0.2673, 0.2564, 0.2762). Sasg follows the authors, as it does for every constant of their experiments.
/// </remarks>
public static class CifarNormalization
{
    /// <summary>CIFAR-10's channel means (red, green, blue), pixels in [0, 1].</summary>
    public static IReadOnlyList<double> Cifar10Mean { get; } = [0.4914, 0.4822, 0.4465];

    /// <summary>CIFAR-10's channel divisors (red, green, blue).</summary>
    public static IReadOnlyList<double> Cifar10StandardDeviation { get; } = [0.2023, 0.1994, 0.2010];

    /// <summary>CIFAR-100's channel means (red, green, blue), pixels in [0, 1].</summary>
    public static IReadOnlyList<double> Cifar100Mean { get; } = [0.5070751592371323, 0.48654887331495095, 0.4409178433670343];

    /// <summary>CIFAR-100's channel divisors: the means again, as the SASG authors' code has it.</summary>
    public static IReadOnlyList<double> Cifar100StandardDeviation { get; } = Cifar100Mean;

    /// <summary>CIFAR-10's normalisation, in place.</summary>
    public static Dataset Cifar10InPlace(Dataset data) => Normalization.PerChannelInPlace(data, Cifar10Mean, Cifar10StandardDeviation);

    /// <summary>CIFAR-100's normalisation (the authors' constants), in place.</summary>
    public static Dataset Cifar100InPlace(Dataset data) => Normalization.PerChannelInPlace(data, Cifar100Mean, Cifar100StandardDeviation);
}
