using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Sasg.Experiments.Replay;

/// <summary>decisions.parquet: the columns of decisions.csv (algorithm, iteration, worker, decision, bytes,
/// compute_ns, requested) as Apache Parquet, which replay reads column by column without parsing text, and pandas,
/// polars and DuckDB read as it is.</summary>
/// <remarks>The file's key-value metadata holds <see cref="FormatKey"/> and, when the run wrote a scenario.json,
/// <see cref="ScenarioKey"/>: the SHA-256 of that file's bytes, so that a decisions.parquet copied from another run is
/// refused rather than replayed. Every row is checked as the CSV reader checks it; a problem is one line naming the
/// file, the row (counted from 1) and the column.</remarks>
public static class DecisionsParquet
{
    /// <summary>The file's name in a results folder.</summary>
    public const string FileName = "decisions.parquet";

    /// <summary>The metadata key of the format's version.</summary>
    public const string FormatKey = "sasg.decisions";

    /// <summary>The format's version.</summary>
    public const string FormatVersion = "1";

    /// <summary>The metadata key of the SHA-256 (lower-case hex) of the run's scenario.json.</summary>
    public const string ScenarioKey = "sasg.scenario_sha256";

    /// <summary>The columns.</summary>
    internal static ParquetSchema Schema { get; } = new(
        new DataField<string>("algorithm", nullable: false),
        new DataField<int>("iteration", nullable: false),
        new DataField<int>("worker", nullable: false),
        new DataField<string>("decision", nullable: false),
        new DataField<long>("bytes", nullable: false),
        new DataField<long>("compute_ns", nullable: false),
        new DataField<bool>("requested", nullable: false));

    /// <summary>The SHA-256 of <paramref name="scenarioJson"/> as written to a file (UTF-8, no BOM), lower-case hex.</summary>
    public static string Hash(string scenarioJson) => Hash(Encoding.UTF8.GetBytes(scenarioJson));

    /// <summary>The SHA-256 of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Each method's decision log from <paramref name="path"/>, checked, in order of first appearance.</summary>
    /// <param name="path">The file.</param>
    /// <param name="labels">When given, the methods the run had: a row of another method is an error.</param>
    /// <param name="labelsSource">The file <paramref name="labels"/> come from, for messages.</param>
    /// <param name="scenarioPath">When given, the run's scenario.json: the file must have been written with it.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable decisions.parquet, is another run's, or a row
    /// is damaged; the message is one line naming the file, the row or metadata key, and the fix.</exception>
    public static IReadOnlyList<DecisionLog> ReadLogs(
        string path, IReadOnlyCollection<string>? labels = null, string labelsSource = "the run", string? scenarioPath = null) =>
        Read(path, new DecisionLogBuilder(labels, labelsSource), scenarioPath).Logs();

    /// <summary>Every row of <paramref name="path"/>, checked (as <see cref="ReadLogs"/> checks them).</summary>
    /// <inheritdoc cref="ReadLogs" path="/param"/>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable decisions.parquet, is another run's, or a row
    /// is damaged.</exception>
    public static IReadOnlyList<Driver.DecisionRow> Read(
        string path, IReadOnlyCollection<string>? labels = null, string labelsSource = "the run", string? scenarioPath = null) =>
        Read(path, new DecisionLogBuilder(labels, labelsSource, keepRows: true), scenarioPath).Rows;

    private static DecisionLogBuilder Read(string path, DecisionLogBuilder builder, string? scenarioPath)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; give the decisions.parquet of a results folder.", path);
        }

        try
        {
            Fill(path, builder, scenarioPath).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not (InvalidDataException or OutOfMemoryException))
        {
            // Parquet.Net reports a damaged file with whatever its decoder met first: one line is all a user can use.
            throw new InvalidDataException($"{path}: not a readable Parquet file ({Driver.MethodRecord.FirstLine(ex.Message)}); {DecisionsCsv.Fix}.", ex);
        }

        if (builder.Finish() is { } end)
        {
            throw new InvalidDataException($"{path}: row {builder.Count.ToString(CultureInfo.InvariantCulture)}: {end}; {DecisionsCsv.Fix}.");
        }

        return builder;
    }

    private static async Task Fill(string path, DecisionLogBuilder builder, string? scenarioPath)
    {
        using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        CheckFile(path, reader, scenarioPath);
        var fields = reader.Schema.DataFields;
        long row = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var algorithm = new string?[count];
            var decision = new string?[count];
            var (iteration, worker) = (new int[count], new int[count]);
            var (bytes, compute) = (new long[count], new long[count]);
            var requested = new bool[count];
            await group.ReadAsync(fields[0], algorithm.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync<int>(fields[1], iteration.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync<int>(fields[2], worker.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync(fields[3], decision.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync<long>(fields[4], bytes.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync<long>(fields[5], compute.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync<bool>(fields[6], requested.AsMemory()).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                row++;
                var label = algorithm[i] ?? string.Empty;
                var problem = builder.Add(
                    builder.KnownLabel(label) ?? label, iteration[i], worker[i], DecisionKinds.Parse(decision[i]), decision[i] ?? string.Empty, bytes[i], compute[i], requested[i]);
                if (problem is not null)
                {
                    throw new InvalidDataException($"{path}: row {row.ToString(CultureInfo.InvariantCulture)}: {problem}; {DecisionsCsv.Fix}.");
                }
            }
        }
    }

    // The columns must be the ones written, and the file the run's own.
    private static void CheckFile(string path, ParquetReader reader, string? scenarioPath)
    {
        var found = reader.Schema.DataFields;
        var expected = Schema.DataFields;
        for (var i = 0; i < expected.Length; i++)
        {
            if (i >= found.Length || found[i].Name != expected[i].Name || found[i].ClrType != expected[i].ClrType || found[i].IsNullable)
            {
                var what = i >= found.Length ? "is missing" : $"is '{DecisionsCsv.Shorten(found[i].Name)}' ({found[i].ClrType.Name}{(found[i].IsNullable ? ", nullable" : string.Empty)})";
                throw new InvalidDataException(
                    $"{path}: column {(i + 1).ToString(CultureInfo.InvariantCulture)} {what} where '{expected[i].Name}' ({expected[i].ClrType.Name}, not nullable) was expected; {DecisionsCsv.Fix}.");
            }
        }

        if (scenarioPath is null || !reader.CustomMetadata.TryGetValue(ScenarioKey, out var recorded))
        {
            return;
        }

        if (recorded != Hash(File.ReadAllBytes(scenarioPath)))
        {
            throw new InvalidDataException(
                $"{path}: metadata '{ScenarioKey}': the file was written by another run (its scenario.json is not {scenarioPath}); restore decisions.parquet and scenario.json from the same run, or delete decisions.parquet to replay decisions.csv.");
        }
    }
}
