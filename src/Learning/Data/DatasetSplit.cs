namespace Sasg.Learning.Data;

/// <summary>Which part of a dataset with a fixed train/test split to load.</summary>
public enum DatasetSplit
{
    /// <summary>The training samples.</summary>
    Train,

    /// <summary>The held-out test samples.</summary>
    Test,
}
