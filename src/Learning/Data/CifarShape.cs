namespace Sasg.Learning.Data;

/// <summary>Brings 28x28 grey images (MNIST, Fashion-MNIST) to CIFAR's shape, so that both can feed one model.</summary>
/// <remarks>
/// The SASG paper's non-iid mix gives even workers CIFAR-10 and odd workers MNIST, resized to 32x32 and replicated
/// to 3 channels; the authors' repository has no code for it (docs/datasets.md). Sasg's choice: zero-pad 2 pixels on
/// each side (no interpolation: every MNIST pixel is kept exactly, the new border is black as MNIST's background is),
/// then copy the grey plane into the red, green and blue planes. In torchvision terms,
/// <c>Pad(2)</c> then <c>Grayscale(num_output_channels=3)</c>, before normalisation.
/// </remarks>
public static class CifarShape
{
    /// <summary>The pixels added on each side of a 28x28 image.</summary>
    public const int Padding = 2;

    private const int From = 28;
    private const int To = From + (2 * Padding);
    private const int Channels = 3;

    /// <summary>A new dataset of <paramref name="grey"/>'s images padded to 32x32 and replicated to 3 channels:
    /// [3, 32, 32] when the input is [1, 28, 28], [3072] when it is flat [784]. Labels are copied.</summary>
    /// <exception cref="ArgumentException">The samples are not 28x28 grey images.</exception>
    public static Dataset PadGreyTo3x32x32(Dataset grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.FeatureCount != From * From || grey.SampleShape.Count > 1 && grey.SampleShape[0] != 1)
        {
            throw new ArgumentException(
                $"Dataset '{grey.Name}' has samples of shape [{string.Join(", ", grey.SampleShape)}], not 28x28 grey images.", nameof(grey));
        }

        const int plane = To * To;
        var features = new double[checked(grey.Count * Channels * plane)];
        var source = new double[From * From];
        for (var i = 0; i < grey.Count; i++)
        {
            // Copied row by row: a set read from an image file stays bytes (Dataset.OfCodes), not doubles.
            grey.CopyRowTo(i, source);
            var target = features.AsSpan(i * Channels * plane, Channels * plane);
            for (var row = 0; row < From; row++)
            {
                source.AsSpan(row * From, From).CopyTo(target.Slice(((row + Padding) * To) + Padding, From));
            }

            target[..plane].CopyTo(target.Slice(plane, plane));
            target[..plane].CopyTo(target.Slice(2 * plane, plane));
        }

        int[] shape = grey.SampleShape.Count == 1 ? [Channels * plane] : [Channels, To, To];
        return new Dataset(grey.Name, grey.Count, shape, features, grey.Labels?.ToArray(), grey.ClassCount, grey.Targets?.ToArray());
    }
}
