using Sasg.Learning.Runtime;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>The mean cross-entropy of logits against class labels and its gradient with respect to the logits.</summary>
internal static class CrossEntropyGradient
{
    /// <summary>Returns the loss, mean over the batch of -log softmax(logits)[label], and sets
    /// <paramref name="gradient"/> to (softmax(logits) - onehot(labels)) / batch size, as autograd's
    /// <c>cross_entropy</c> backward does.</summary>
    public static Tensor Compute(Tensor logits, Tensor labels, out Tensor gradient)
    {
        var batch = logits.shape[0];
        var logProbabilities = nn.functional.log_softmax(logits, 1);
        var index = labels.unsqueeze(1);
        var loss = -logProbabilities.gather(1, index).mean();
        gradient = logProbabilities.exp();
        gradient.scatter_add_(1, index, TensorScalars.Full(batch, 1, -1.0, logits.dtype));
        TensorScalars.MulInPlace(gradient, 1.0 / batch);
        return loss;
    }
}
