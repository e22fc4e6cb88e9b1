namespace Sasg.Learning.Data;

/// <summary>Deterministic feature normalisations: the usual MNIST and CIFAR means and standard deviations, and
/// standardisation.</summary>
public static class Normalization
{
    /// <summary>The mean pixel of the MNIST training set, with pixels in [0, 1] (as torchvision's examples use).</summary>
    public const double MnistMean = 0.1307;

    /// <summary>The standard deviation of the MNIST training pixels, with pixels in [0, 1].</summary>
    public const double MnistStandardDeviation = 0.3081;

    /// <summary>The mean of each channel (red, green, blue) of the CIFAR-10 training pixels, with pixels in [0, 1].</summary>
    /// <remarks>Mean and standard deviation over every training pixel of the channel, 0.49139968, 0.48215841, 0.44653091
    /// and 0.24703223, 0.24348513, 0.26158784 as computed in akamaster/pytorch_resnet_cifar10 issue 9, rounded to four
    /// places (fb.resnet.torch's datasets/cifar10.lua has the same to one decimal of 0..255: 125.3, 123.0, 113.9 and
    /// 63.0, 62.1, 66.7). Not the standard deviations 0.2023, 0.1994, 0.2010 of kuangliu/pytorch-cifar, which average
    /// the per-image standard deviations (chenyaofo/image-classification-codebase issue 5). Not checked here against
    /// the files: these machines have no CIFAR.</remarks>
    public static IReadOnlyList<double> Cifar10Mean { get; } = [0.4914, 0.4822, 0.4465];

    /// <summary>The standard deviation of each channel of the CIFAR-10 training pixels, with pixels in [0, 1].</summary>
    public static IReadOnlyList<double> Cifar10StandardDeviation { get; } = [0.2470, 0.2435, 0.2616];

    /// <summary>The mean of each channel of the CIFAR-100 training pixels, with pixels in [0, 1] (as
    /// weiaicunzai/pytorch-cifar100's conf/global_settings.py, rounded to four places).</summary>
    public static IReadOnlyList<double> Cifar100Mean { get; } = [0.5071, 0.4865, 0.4409];

    /// <summary>The standard deviation of each channel of the CIFAR-100 training pixels, with pixels in [0, 1].</summary>
    public static IReadOnlyList<double> Cifar100StandardDeviation { get; } = [0.2673, 0.2564, 0.2762];

    /// <summary>Overwrites every value x of channel c of <paramref name="data"/> with (x - mean[c]) / sd[c] and returns
    /// it (only for a dataset nothing else reads).</summary>
    /// <remarks>Samples are [C, H, W], or flat [C x H x W] stored channel after channel (as CIFAR's files store them);
    /// C is the number of means.</remarks>
    /// <exception cref="ArgumentException">The samples do not have that many channels; a standard deviation is not
    /// positive and finite.</exception>
    public static Dataset PerChannelInPlace(Dataset data, IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        var channels = mean.Count;
        if (channels == 0 || standardDeviation.Count != channels || standardDeviation.Any(s => !(s > 0) || double.IsInfinity(s)))
        {
            throw new ArgumentException("Give one mean and one positive, finite standard deviation per channel.", nameof(standardDeviation));
        }

        if (ChannelsOf(data.SampleShape, channels) is not { } plane)
        {
            throw new ArgumentException(
                $"Samples of shape [{string.Join(", ", data.SampleShape)}] are not images of {channels} channels.", nameof(data));
        }

        var features = data.Features;
        var sample = plane * channels;
        for (var start = 0; start < features.Length; start += sample)
        {
            for (var c = 0; c < channels; c++)
            {
                var values = features.AsSpan(start + (c * plane), plane);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (values[i] - mean[c]) / standardDeviation[c];
                }
            }
        }

        return data;
    }

    /// <summary>The values per channel of a sample of <paramref name="shape"/> with <paramref name="channels"/>
    /// channels ([C, H, W], or flat [C x H x W]), or null when the shape is not such an image.</summary>
    public static int? ChannelsOf(IReadOnlyList<int> shape, int channels)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Count switch
        {
            3 when shape[0] == channels => shape[1] * shape[2],
            1 when channels > 0 && shape[0] % channels == 0 && shape[0] > 0 => shape[0] / channels,
            _ => null,
        };
    }

    /// <summary>A new dataset with every value x replaced by (x - <paramref name="mean"/>) / <paramref name="standardDeviation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is not positive and finite.</exception>
    public static Dataset Affine(Dataset data, double mean, double standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(
                nameof(standardDeviation), standardDeviation, "The standard deviation must be positive and finite.");
        }

        var features = new double[data.Features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (data.Features[i] - mean) / standardDeviation;
        }

        return WithFeatures(data, features);
    }

    /// <summary>Normalises images in [0, 1] with the usual MNIST statistics (0.1307, 0.3081).</summary>
    public static Dataset Mnist(Dataset data) => Affine(data, MnistMean, MnistStandardDeviation);

    /// <summary><see cref="Mnist"/> without a copy: overwrites <paramref name="data"/>'s features (bit for bit the
    /// values <see cref="Mnist"/> computes) and returns it. Only for a dataset nothing else reads.</summary>
    public static Dataset MnistInPlace(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);

        // A dataset of pixel codes maps its 256 values instead (the same operations on the same values, so the same bits).
        if (data.TryMapDecoded(x => (x - MnistMean) / MnistStandardDeviation))
        {
            return data;
        }

        var features = data.Features;
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (features[i] - MnistMean) / MnistStandardDeviation;
        }

        return data;
    }

    /// <summary>Standardises each feature of both sets with the statistics of <paramref name="train"/>.</summary>
    public static (Dataset Train, Dataset Test) Standardize(Dataset train, Dataset test)
    {
        var standardizer = FeatureStandardizer.Fit(train);
        return (standardizer.Apply(train), standardizer.Apply(test));
    }

    /// <summary>A copy of <paramref name="data"/> with new features and copies of its labels or targets.</summary>
    internal static Dataset WithFeatures(Dataset data, double[] features) =>
        new(data.Name, data.Count, data.SampleShape, features, data.Labels?.ToArray(), data.ClassCount, data.Targets?.ToArray());
}
