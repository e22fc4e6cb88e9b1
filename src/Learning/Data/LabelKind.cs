namespace Sasg.Learning.Data;

/// <summary>How a table reader interprets the label column (or the LAG format's y.txt).</summary>
public enum LabelKind
{
    /// <summary>Real targets, kept as read, in <see cref="Dataset.Targets"/> (regression).</summary>
    Target,

    /// <summary>Non-negative integer class labels in <see cref="Dataset.Labels"/>.</summary>
    Class,

    /// <summary>Binary labels, {0,1} or {-1,+1}, stored as -1/+1 in <see cref="Dataset.Targets"/> for the logistic loss.</summary>
    /// <remarks>LAG's logistic problems use the loss log(1 + exp(-y x'theta)), which needs y in {-1,+1}.</remarks>
    SignedBinary,

    /// <summary>Binary labels, {0,1} or {-1,+1}, stored as class labels 0/1 (-1 becomes 0) in <see cref="Dataset.Labels"/>.</summary>
    Binary,

    /// <summary>Binary labels, {0,1} or {-1,+1}, kept as the file stores them in <see cref="Dataset.Targets"/>.</summary>
    /// <remarks>The LAG authors' logistic scripts feed their {0,1} files to the loss log(1 + exp(-y x'theta)), written
    /// for -1/+1: a 0-labelled row then adds the constant log 2 and no gradient. This kind reproduces that problem.</remarks>
    AsStored,
}
