namespace Sasg.Learning.Data;

/// <summary>Per-feature standardisation, (x - mean) / standard deviation, with statistics fitted on training data.</summary>
/// <remarks>
/// Means and population standard deviations (divided by N, as scikit-learn's StandardScaler) are summed in sample
/// order, so a fit is bit-for-bit reproducible. A feature that is constant in the training data keeps scale 1 and
/// becomes 0, rather than dividing by zero.
/// </remarks>
public sealed class FeatureStandardizer
{
    private readonly double[] _means;
    private readonly double[] _scales;

    private FeatureStandardizer(double[] means, double[] standardDeviations)
    {
        _means = means;
        StandardDeviations = standardDeviations;
        _scales = standardDeviations.Select(s => s > 0 ? s : 1.0).ToArray();
    }

    /// <summary>The mean of each feature in the fitted data.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The population standard deviation of each feature in the fitted data (0 for a constant feature).</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>Fits the per-feature statistics on <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="train"/> has no samples.</exception>
    public static FeatureStandardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException($"Dataset '{train.Name}' has no samples to fit a standardisation on.", nameof(train));
        }

        var width = train.FeatureCount;
        var means = new double[width];
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            for (var j = 0; j < width; j++)
            {
                means[j] += row[j];
            }
        }

        for (var j = 0; j < width; j++)
        {
            means[j] /= train.Count;
        }

        var deviations = new double[width];
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            for (var j = 0; j < width; j++)
            {
                var d = row[j] - means[j];
                deviations[j] += d * d;
            }
        }

        for (var j = 0; j < width; j++)
        {
            deviations[j] = Math.Sqrt(deviations[j] / train.Count);
        }

        return new FeatureStandardizer(means, deviations);
    }

    /// <summary>A new dataset with every feature standardised by the fitted statistics; labels and targets are copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has a different number of features than the fitted data.</exception>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != _means.Length)
        {
            throw new ArgumentException(
                $"Dataset '{data.Name}' has {data.FeatureCount} features; the standardisation was fitted on {_means.Length}.",
                nameof(data));
        }

        var features = new double[data.Features.Length];
        for (var i = 0; i < data.Count; i++)
        {
            var offset = i * _means.Length;
            for (var j = 0; j < _means.Length; j++)
            {
                features[offset + j] = (data.Features[offset + j] - _means[j]) / _scales[j];
            }
        }

        return Normalization.WithFeatures(data, features);
    }
}
