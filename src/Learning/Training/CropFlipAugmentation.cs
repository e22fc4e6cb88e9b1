using System.Globalization;
using System.Runtime.InteropServices;
using Sasg.Learning.Randomness;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>The standard CIFAR training augmentation of one worker's image minibatches [n, C, H, W]: every image is
/// padded by <see cref="Padding"/> pixels on each side, cropped back to H x W at a random offset, and mirrored left to
/// right with probability 1/2.</summary>
/// <remarks>
/// As torchvision's <c>RandomCrop(H, padding=4)</c> then <c>RandomHorizontalFlip()</c>, which come before
/// <c>Normalize</c> in the usual pipeline: the padding is a black pixel (0) as the normalisation maps it, one value per
/// channel (<see cref="Fill"/>; 0 without normalisation).
/// The draws come from <see cref="SeededRandom"/> only, so they are the same on every machine: the stream of epoch e of
/// worker m is <c>SeededRandom.Create(seed, "augment/m/e")</c> with the scenario's seed, and within an epoch every image
/// of every batch, in batch order, draws the crop's top offset, then its left offset (each
/// <c>NextInt(2 * Padding + 1)</c>), then the flip (<c>NextInt(2) == 1</c>). A worker's images therefore depend only on
/// (seed, worker, epoch) and the sampler's own batches, never on other workers or on the method.
/// </remarks>
public sealed class CropFlipAugmentation
{
    /// <summary>The usual CIFAR padding, in pixels.</summary>
    public const int DefaultPadding = 4;

    private readonly long _seed;
    private readonly int _worker;
    private readonly double[] _fill;
    private SeededRandom? _random;
    private int _epoch = -1;

    /// <summary>The augmentation of worker <paramref name="worker"/> under the scenario's <paramref name="seed"/>.</summary>
    /// <param name="seed">The scenario's master seed.</param>
    /// <param name="worker">The worker's index.</param>
    /// <param name="fill">The padding value of each channel (as normalised); empty or null for 0 in every channel.</param>
    /// <param name="padding">Pixels of padding on each side; the crop offsets are 0..2 * padding.</param>
    public CropFlipAugmentation(long seed, int worker, IReadOnlyList<double>? fill = null, int padding = DefaultPadding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        _seed = seed;
        _worker = worker;
        _fill = fill?.ToArray() ?? [];
        Padding = padding;
    }

    /// <summary>Pixels of padding on each side.</summary>
    public int Padding { get; }

    /// <summary>The padding value of each channel; empty when it is 0 in every channel.</summary>
    public IReadOnlyList<double> Fill => _fill;

    /// <summary>The stream of draws of <paramref name="worker"/> in <paramref name="epoch"/> (see the remarks).</summary>
    public static SeededRandom StreamOf(long seed, int worker, int epoch) => SeededRandom.Create(
        unchecked((ulong)seed),
        string.Create(CultureInfo.InvariantCulture, $"augment/{worker}/{epoch}"));

    /// <summary>The next image's crop and flip in <paramref name="epoch"/>: a new epoch restarts from its own stream.</summary>
    public CropFlip Next(int epoch)
    {
        if (epoch != _epoch || _random is null)
        {
            _random = StreamOf(_seed, _worker, epoch);
            _epoch = epoch;
        }

        var span = (2 * Padding) + 1;
        var top = _random.NextInt(span);
        var left = _random.NextInt(span);
        var flip = _random.NextInt(2) == 1;
        return new CropFlip(top, left, flip);
    }

    /// <summary>Augments every image of <paramref name="features"/> [n, C, H, W] (float32 or float64, contiguous, on the
    /// CPU) in place, drawing in image order from <paramref name="epoch"/>'s stream.</summary>
    /// <exception cref="ArgumentException">The tensor is not such a batch, or <see cref="Fill"/> has another channel count.</exception>
    public void Apply(Tensor features, int epoch)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 4 || !features.is_contiguous() || features.device_type != TorchSharp.DeviceType.CPU)
        {
            throw new ArgumentException(
                $"Crop and flip augment contiguous CPU image batches [n, C, H, W]; this one has shape [{string.Join(", ", features.shape)}].",
                nameof(features));
        }

        var (n, channels, height, width) = ((int)features.shape[0], (int)features.shape[1], (int)features.shape[2], (int)features.shape[3]);
        if (_fill.Length != 0 && _fill.Length != channels)
        {
            throw new ArgumentException($"The padding has {_fill.Length} channel values but the images have {channels} channels.", nameof(features));
        }

        switch (features.dtype)
        {
            case ScalarType.Float32:
                Apply(MemoryMarshal.Cast<byte, float>(features.bytes), n, channels, height, width, epoch, c => (float)FillOf(c));
                break;
            case ScalarType.Float64:
                Apply(MemoryMarshal.Cast<byte, double>(features.bytes), n, channels, height, width, epoch, FillOf);
                break;
            default:
                throw new ArgumentException($"Crop and flip augment float32 or float64 images, not {features.dtype}.", nameof(features));
        }
    }

    private double FillOf(int channel) => _fill.Length == 0 ? 0 : _fill[channel];

    private void Apply<TValue>(Span<TValue> values, int n, int channels, int height, int width, int epoch, Func<int, TValue> fill)
        where TValue : unmanaged
    {
        var image = channels * height * width;
        var source = new TValue[image];
        var padding = Enumerable.Range(0, channels).Select(fill).ToArray();
        for (var i = 0; i < n; i++)
        {
            var target = values.Slice(i * image, image);
            target.CopyTo(source);
            Transform(source, target, height, width, Padding, Next(epoch), padding);
        }
    }

    /// <summary>Writes <paramref name="source"/> (one image [C, H, W]) padded by <paramref name="padding"/> pixels of
    /// <paramref name="fill"/>[c], cropped at <paramref name="crop"/> and maybe mirrored, into <paramref name="target"/>.</summary>
    internal static void Transform<TValue>(
        ReadOnlySpan<TValue> source, Span<TValue> target, int height, int width, int padding, CropFlip crop, ReadOnlySpan<TValue> fill)
    {
        var plane = height * width;
        for (var c = 0; c < fill.Length; c++)
        {
            for (var y = 0; y < height; y++)
            {
                // Output row y is padded row y + top, that is source row y + top - padding.
                var sourceRow = y + crop.Top - padding;
                var row = target.Slice((c * plane) + (y * width), width);
                for (var x = 0; x < width; x++)
                {
                    // A flipped output reads the crop's column width - 1 - x.
                    var column = (crop.Flip ? width - 1 - x : x) + crop.Left - padding;
                    row[x] = sourceRow >= 0 && sourceRow < height && column >= 0 && column < width
                        ? source[(c * plane) + (sourceRow * width) + column]
                        : fill[c];
                }
            }
        }
    }
}
