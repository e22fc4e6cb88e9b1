namespace Sasg.Learning.Algorithms;

/// <summary>The weight of a message that is tau server updates older than the model it is applied to.</summary>
public enum StalenessDamping
{
    /// <summary>1: every message counts fully.</summary>
    None,

    /// <summary>1 / (1 + tau).</summary>
    Inverse,

    /// <summary>1 / sqrt(1 + tau).</summary>
    InverseSquareRoot,
}
