namespace Sasg.Experiments.Scenarios;

/// <summary>Which decision files a run writes (<c>outputs.decisions</c>).</summary>
public enum DecisionsFormat
{
    /// <summary>decisions.csv for a run of at most <see cref="Results.DecisionFiles.CsvRowLimit"/> decisions,
    /// decisions.parquet for a larger one.</summary>
    Auto,

    /// <summary>decisions.csv only.</summary>
    Csv,

    /// <summary>decisions.parquet only.</summary>
    Parquet,

    /// <summary>Both files.</summary>
    Both,
}
