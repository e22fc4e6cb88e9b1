using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>An <see cref="IAnalyticGradient"/> model that can also evaluate its gradient at parameters held outside
/// the module, without writing them into it.</summary>
/// <remarks>A same-sample test (LASG-WK2, SASG) evaluates each worker's minibatch at the server's iterate and at the
/// worker's stale iterate. With the stale iterate in a second set of tensors, the module keeps the server's iterate for
/// the whole iteration and neither point is copied in once per worker (docs/benchmarks.md, issue 20).</remarks>
public interface IAnalyticGradientAt : IAnalyticGradient
{
    /// <summary>As <see cref="IAnalyticGradient.LossAndGradient"/>, at <paramref name="parameters"/> (tensors of the
    /// shapes and order of <c>parameters()</c>) instead of the module's own; the same arithmetic, so the same bits as the
    /// module would give holding those values. The module's parameters are not read.</summary>
    Tensor LossAndGradientAt(Tensor input, Tensor target, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> gradients);
}
