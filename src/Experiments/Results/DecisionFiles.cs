using System.Text;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Results;

/// <summary>A results folder's decision files: decisions.csv, decisions.parquet or both, by <c>outputs.decisions</c>.</summary>
public static class DecisionFiles
{
    /// <summary>The most decisions (methods x iterations x workers, as planned) for which <c>auto</c> writes
    /// decisions.csv; a larger run gets decisions.parquet instead.</summary>
    public const long CsvRowLimit = 1_000_000;

    /// <summary>Which files <paramref name="plan"/>'s results folder gets.</summary>
    public static (bool Csv, bool Parquet) Choose(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Decisions switch
        {
            DecisionsFormat.Csv => (true, false),
            DecisionsFormat.Parquet => (false, true),
            DecisionsFormat.Both => (true, true),
            _ => (long)plan.Algorithms.Count * plan.Iterations * plan.WorkerData.Count <= CsvRowLimit ? (true, false) : (false, true),
        };
    }

    /// <summary>Writes the decision files of <paramref name="results"/> into <paramref name="directory"/> (each
    /// atomically; the Parquet file a row group at a time) and removes the one not chosen, which an earlier write of
    /// the folder may have left.</summary>
    public static void Write(string directory, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string? scenarioJson)
    {
        ArgumentNullException.ThrowIfNull(results);
        var (csv, parquet) = Choose(plan);
        var csvPath = Path.Combine(directory, "decisions.csv");
        var parquetPath = Path.Combine(directory, DecisionsParquet.FileName);
        if (csv)
        {
            AtomicFile.Write(csvPath, stream =>
            {
                using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
                CsvTables.WriteDecisions(text, results.SelectMany(r => r.Decisions));
            });
        }

        if (parquet)
        {
            AtomicFile.Write(parquetPath, stream =>
            {
                using var writer = new DecisionsParquetWriter(stream, scenarioJson);
                foreach (var row in results.SelectMany(r => r.Decisions))
                {
                    writer.Add(row);
                }
            });
        }

        if (!(csv && parquet))
        {
            File.Delete(csv ? parquetPath : csvPath);
        }
    }

    /// <summary>Every decision of the results folder <paramref name="directory"/>, from decisions.csv or, when it has
    /// none, decisions.parquet; null when it has neither.</summary>
    /// <exception cref="InvalidDataException">The file is damaged; the message is one line naming the file.</exception>
    public static IReadOnlyList<DecisionRow>? Read(string directory)
    {
        var csv = Path.Combine(directory, "decisions.csv");
        var parquet = Path.Combine(directory, DecisionsParquet.FileName);
        return File.Exists(csv) ? DecisionsCsv.Read(csv) : File.Exists(parquet) ? DecisionsParquet.Read(parquet) : null;
    }
}
