namespace Sasg.Experiments.Scenarios;

/// <summary>How each worker's minibatches are augmented as they are drawn (<c>training.augmentation</c>).</summary>
public enum TrainingAugmentation
{
    /// <summary>"none": minibatches are the samples as stored.</summary>
    None,

    /// <summary>"crop-flip": 4-pixel padding, a random crop back to the image size and a random horizontal flip
    /// (<see cref="Learning.Training.CropFlipAugmentation"/>); images with channels only.</summary>
    CropFlip,
}
