namespace Sasg.Learning.Data;

/// <summary>Which of CIFAR-100's two label bytes a loader keeps.</summary>
public enum CifarLabels
{
    /// <summary>The fine label, one of 100 classes (the second byte of a record).</summary>
    Fine,

    /// <summary>The coarse label, one of 20 superclasses (the first byte of a record).</summary>
    Coarse,
}
