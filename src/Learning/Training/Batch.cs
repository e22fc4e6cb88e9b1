using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>A minibatch: features [n, ...] in the model's dtype and targets (int64 labels or real values).</summary>
/// <remarks>The tensors belong to the dispose scope that was open when the batch was drawn.</remarks>
public readonly record struct Batch(Tensor Features, Tensor Targets)
{
    /// <summary>The number of samples in the batch.</summary>
    public long Count => Features.shape[0];
}
