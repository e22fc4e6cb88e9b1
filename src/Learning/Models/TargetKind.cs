namespace Sasg.Learning.Models;

/// <summary>What a model's targets are.</summary>
public enum TargetKind
{
    /// <summary>Class indices 0..C-1 (int64 tensors).</summary>
    ClassLabels,

    /// <summary>Real numbers (regression targets, or -1/+1 labels of a logistic loss), in the model's dtype.</summary>
    RealTargets,
}
