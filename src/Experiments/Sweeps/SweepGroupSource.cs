using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;

namespace Sasg.Experiments.Sweeps;

/// <summary>What the network-only cells of one learning group replay: the results of the group's finished cell, each
/// method's decision log built once from them (shared, read-only, by every cell and thread), and that cell's
/// decisions.csv, which each replayed cell links instead of writing the same bytes again.</summary>
internal sealed class SweepGroupSource
{
    private readonly Dictionary<string, DecisionLog> _logs;

    private SweepGroupSource(IReadOnlyList<AlgorithmResult> results, string decisionsFile)
    {
        Results = results;
        DecisionsFile = decisionsFile;
        _logs = results.Where(r => r.Decisions.Count > 0)
            .ToDictionary(r => r.Label, r => DecisionLog.From(r.Label, r.Decisions), StringComparer.Ordinal);
    }

    /// <summary>The finished cell's results, in method order.</summary>
    public IReadOnlyList<AlgorithmResult> Results { get; }

    /// <summary>The finished cell's decisions.csv.</summary>
    public string DecisionsFile { get; }

    /// <summary>The source of a group from its finished cell's <paramref name="results"/>, written in the cell folder
    /// <paramref name="cellDirectory"/>.</summary>
    public static SweepGroupSource Of(IReadOnlyList<AlgorithmResult> results, string cellDirectory) =>
        new(results, Path.Combine(cellDirectory, "decisions.csv"));

    /// <summary>The source of a group read back from its finished cell folder <paramref name="cellDirectory"/> (a
    /// resumed sweep, or a cluster task whose group was trained by another task).</summary>
    public static SweepGroupSource Read(string cellDirectory) => Of(CellResultsReader.Read(cellDirectory), cellDirectory);

    /// <summary>The decision log of the method <paramref name="label"/>, or null when it recorded no decision.</summary>
    public DecisionLog? LogOf(string label) => _logs.GetValueOrDefault(label);
}
