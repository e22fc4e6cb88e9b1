namespace Sasg.Learning.Training;

/// <summary>One image's draw of <see cref="CropFlipAugmentation"/>.</summary>
/// <param name="Top">The crop's top row in the padded image, 0..2 * padding (padding: the image is not moved).</param>
/// <param name="Left">The crop's left column in the padded image, 0..2 * padding.</param>
/// <param name="Flip">Whether the crop is mirrored left to right.</param>
public readonly record struct CropFlip(int Top, int Left, bool Flip);
