using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>A model that writes the gradient of its training loss straight into tensors the caller owns.</summary>
/// <remarks>
/// The hand-written backward pass of a small model (linear layers, ReLU, cross-entropy, least squares, logistic loss)
/// is the same arithmetic autograd does, without building a graph and without fresh gradient tensors that then have to
/// be copied into the flat vector the algorithms read. <see cref="Training.FlatModel{T}"/> uses it when the model
/// offers it; the tests compare every implementation with autograd.
/// </remarks>
public interface IAnalyticGradient
{
    /// <summary>Evaluates the loss of (<paramref name="input"/>, <paramref name="target"/>) at the current parameters
    /// and overwrites <paramref name="gradients"/>[i] with its gradient with respect to the i-th tensor of
    /// <c>parameters()</c> (same shape). Called under <c>no_grad</c> inside the caller's dispose scope.</summary>
    /// <returns>The loss, a scalar tensor equal to <see cref="SupervisedModel.Loss"/> of the model's output.</returns>
    Tensor LossAndGradient(Tensor input, Tensor target, IReadOnlyList<Tensor> gradients);
}
