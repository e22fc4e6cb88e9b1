namespace Sasg.Experiments.Replay;

/// <summary>What a worker did in one iteration, as decisions.csv and decisions.parquet spell it.</summary>
internal enum DecisionKind : byte
{
    /// <summary>"upload": it sent its update.</summary>
    Upload,

    /// <summary>"skip": it computed and sent nothing.</summary>
    Skip,

    /// <summary>"not-requested": the server did not ask it (it computed nothing).</summary>
    NotRequested,

    /// <summary>"not-sampled": it was not among the round's sampled workers (partial participation; it computed
    /// nothing).</summary>
    NotSampled,
}
