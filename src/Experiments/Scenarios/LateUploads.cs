namespace Sasg.Experiments.Scenarios;

/// <summary>What a deadline round does with an upload that arrives after its deadline (<c>protocol.late</c>).</summary>
public enum LateUploads
{
    /// <summary>"drop": the upload is discarded (its bytes counted as wasted).</summary>
    Drop,

    /// <summary>"stale": the upload is applied in the next round, as a stale message.</summary>
    Stale,
}
