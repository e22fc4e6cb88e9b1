using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>The combined sweep CSV: one row per (cell, algorithm), the swept axes as columns, invariant culture,
/// round-trip doubles; to-target columns are empty when the target was not reached.</summary>
internal static class SweepCsv
{
    /// <summary>The columns after the axes.</summary>
    public static readonly string[] MetricColumns =
    [
        "algorithm", "iterations", "uploads", "upload_bytes", "paper_bits", "simulated_seconds", "final_train_loss",
        "final_test_accuracy", "final_objective_error", "stop_reason", "iteration_to_target", "uploads_to_target",
        "paper_bits_to_target", "seconds_to_target",
    ];

    /// <summary>The header line (with its newline) for a sweep over <paramref name="axes"/>.</summary>
    public static string Header(IEnumerable<ScenarioSweepAxis> axes) =>
        Line(["cell_id", .. axes.Select(a => a.Path), .. MetricColumns]);

    /// <summary>The <c>stop_reason</c> of a method that does not run in a cell (its <c>topologies</c> do not list the
    /// cell's topology kind); its metric fields are empty.</summary>
    public const string NotApplicable = "not-applicable";

    /// <summary>The rows of one cell, in the scenario's algorithm order (each line ends with a newline): a method that
    /// does not run on the cell's topology gets a row with <see cref="NotApplicable"/> and empty metrics.</summary>
    public static string Rows(Scenario cell, RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        var info = cell.Cell ?? throw new ArgumentException("The scenario is not a sweep cell.", nameof(cell));
        var text = new StringBuilder();
        var kind = cell.Network.Topology.Kind;
        var ran = 0;
        foreach (var algorithm in cell.Algorithms)
        {
            if (algorithm.RunsOn(kind))
            {
                if (ran < results.Count)
                {
                    Row(text, info, plan, results[ran++]);
                }

                continue;
            }

            text.Append(Line(
            [
                info.Id,
                .. info.Values.Select(v => ValueText(v.Value)),
                algorithm.Label,
                .. Enumerable.Repeat(string.Empty, 8),
                NotApplicable,
                .. Enumerable.Repeat(string.Empty, 4),
            ]));
        }

        // Results beyond the scenario's methods (a plan built by hand) keep their rows.
        for (; ran < results.Count; ran++)
        {
            Row(text, info, plan, results[ran]);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, ScenarioCell info, RunPlan plan, AlgorithmResult r)
    {
        var hit = ReportTable.FirstAtTarget(plan, r);
        text.Append(Line(
        [
            info.Id,
            .. info.Values.Select(v => ValueText(v.Value)),
            r.Label,
            Whole(r.Iterations),
            Whole(r.Uploads),
            Whole(r.UploadBytes),
            Whole(r.PaperBits),
            CsvTables.Number(r.SimulatedSeconds),
            CsvTables.Number(r.Final.TrainLoss),
            CsvTables.Number(r.Final.TestAccuracy),
            CsvTables.Number(r.Final.ObjectiveError),
            r.StopReason,
            hit is null ? string.Empty : Whole(hit.Iteration),
            hit is null ? string.Empty : Whole(hit.Uploads),
            hit is null ? string.Empty : Whole(hit.PaperBits),
            hit is null ? string.Empty : CsvTables.Number(hit.SimulatedSeconds),
        ]));
    }

    /// <summary>An axis value as written in the scenario: strings without quotes, numbers and switches as JSON.</summary>
    public static string ValueText(JToken value) =>
        value.Type == JTokenType.String ? value.Value<string>()! : value.ToString(Formatting.None);

    /// <summary>One CSV line: fields joined by commas, quoted (RFC 4180) when they hold a comma, quote or newline.</summary>
    public static string Line(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(Quote)) + "\n";

    /// <summary>The fields of one line written by <see cref="Line"/> (without its newline).</summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed.</exception>
    public static List<string> Split(string line) =>
        [.. CsvFields.Split(line) ?? throw new InvalidDataException($"A quoted field is not closed in: {line}")];

    /// <summary>A number field as a double: NaN when empty.</summary>
    public static double Number(string field) =>
        field.Length == 0 ? double.NaN : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
