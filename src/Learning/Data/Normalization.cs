namespace Sasg.Learning.Data;

/// <summary>Deterministic feature normalisations: the usual MNIST mean and standard deviation, and standardisation.</summary>
public static class Normalization
{
    /// <summary>The mean pixel of the MNIST training set, with pixels in [0, 1] (as torchvision's examples use).</summary>
    public const double MnistMean = 0.1307;

    /// <summary>The standard deviation of the MNIST training pixels, with pixels in [0, 1].</summary>
    public const double MnistStandardDeviation = 0.3081;

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
