using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>A TorchSharp module together with the loss it is trained on.</summary>
/// <remarks>
/// Subclasses declare their layers as fields named as PyTorch would name them (the names become state-dict keys and
/// the per-tensor blocks that top-k works on) and call <c>RegisterComponents()</c> last in their constructor.
/// </remarks>
public abstract class SupervisedModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module under <paramref name="name"/>.</summary>
    protected SupervisedModel(string name)
        : base(name)
    {
    }

    /// <summary>Whether the model learns class labels (int64 targets) or real targets (same dtype as the model).</summary>
    public abstract TargetKind TargetKind { get; }

    /// <summary>The training loss of <paramref name="output"/> against <paramref name="target"/>, a scalar tensor.</summary>
    public abstract Tensor Loss(Tensor output, Tensor target);
}
