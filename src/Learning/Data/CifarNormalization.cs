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

    /// <summary>Overwrites <paramref name="data"/>'s features with (x - mean[c]) / std[c], c the channel of x (a sample
    /// is its channels' planes one after the other, as CIFAR's [3, 32, 32] and [3072] are), and returns it. Only for a
    /// dataset nothing else reads.</summary>
    /// <exception cref="ArgumentException">The features do not split into one plane per channel, or a divisor is not
    /// positive and finite.</exception>
    public static Dataset PerChannelInPlace(Dataset data, IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        var channels = mean.Count;
        if (channels == 0 || standardDeviation.Count != channels || data.FeatureCount % channels != 0)
        {
            throw new ArgumentException(
                $"Dataset '{data.Name}': {data.FeatureCount} features do not split into {channels} channel planes with {standardDeviation.Count} divisors.");
        }

        if (standardDeviation.Any(s => !(s > 0) || double.IsInfinity(s)))
        {
            throw new ArgumentException("Every standard deviation must be positive and finite.", nameof(standardDeviation));
        }

        var plane = data.FeatureCount / channels;
        var features = data.Features;
        for (var i = 0; i < data.Count; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                var values = features.AsSpan((i * data.FeatureCount) + (c * plane), plane);
                var (m, s) = (mean[c], standardDeviation[c]);
                for (var j = 0; j < values.Length; j++)
                {
                    values[j] = (values[j] - m) / s;
                }
            }
        }

        return data;
    }

    /// <summary>CIFAR-10's normalisation, in place.</summary>
    public static Dataset Cifar10InPlace(Dataset data) => PerChannelInPlace(data, Cifar10Mean, Cifar10StandardDeviation);

    /// <summary>CIFAR-100's normalisation (the authors' constants), in place.</summary>
    public static Dataset Cifar100InPlace(Dataset data) => PerChannelInPlace(data, Cifar100Mean, Cifar100StandardDeviation);
}
