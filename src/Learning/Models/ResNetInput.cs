using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>The residual networks' input: 3-channel images, given as [N, 3, H, W] or flat [N, 3 x 32 x 32].</summary>
internal static class ResNetInput
{
    /// <summary>The number of values of one 3 x 32 x 32 image in channels-rows-columns order.</summary>
    public const int CifarFeatures = 3 * 32 * 32;

    /// <summary><paramref name="input"/> as [N, 3, H, W]; a 2-d input is read as 32x32 images, channel by channel.</summary>
    public static Tensor AsImages(Tensor input)
    {
        var images = input.dim() == 4 ? input : input.reshape(-1, 3, 32, 32);
        if (images.shape[1] != 3)
        {
            throw new ArgumentException($"A residual network takes 3-channel images, not {images.shape[1]} channels.", nameof(input));
        }

        return images;
    }
}
