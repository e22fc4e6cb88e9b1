namespace Sasg.Learning.Encoding;

/// <summary>The shape of a payload before it is encoded.</summary>
public enum PayloadKind
{
    /// <summary>Every coordinate, in order.</summary>
    Dense,

    /// <summary>Some coordinates: ascending indices with their values.</summary>
    Sparse,
}
