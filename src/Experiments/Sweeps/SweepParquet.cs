using System.Globalization;
using Newtonsoft.Json.Linq;
using Parquet;
using Parquet.Schema;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>The combined sweep table as Apache Parquet (<c>sweep.parquet</c>): the columns and rows of
/// <c>sweep.csv</c>, typed, for pandas, polars and DuckDB to read as they are.</summary>
/// <remarks>Whole-number columns are 64-bit integers and the others doubles (NaN as in the CSV), both null where the
/// CSV field is empty (a target not reached); an axis is an integer, double or boolean column when all its values are
/// JSON numbers (whole ones) or switches, and text otherwise, as written in the CSV.</remarks>
internal static class SweepParquet
{
    private static readonly HashSet<string> WholeColumns = new(
        ["iterations", "uploads", "upload_bytes", "paper_bits", "iteration_to_target", "uploads_to_target", "paper_bits_to_target"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> TextColumns = new(["cell_id", "algorithm", "stop_reason"], StringComparer.Ordinal);

    /// <summary>Writes <paramref name="csv"/> (the text of sweep.csv, over <paramref name="axes"/>) to
    /// <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string csv, IReadOnlyList<ScenarioSweepAxis> axes)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = SweepCsv.Split(lines[0]);
        var rows = lines.Skip(1).Select(SweepCsv.Split).ToList();
        var types = header.Select(name => TypeOf(name, axes)).ToList();
        var fields = header.Select((name, c) => Field(name, types[c])).ToList();
        AtomicFile.Write(path, stream => WriteAsync(stream, fields, types, rows).GetAwaiter().GetResult());
    }

    private static async Task WriteAsync(Stream stream, List<DataField> fields, List<Type> types, List<List<string>> rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < fields.Count; c++)
        {
            var column = c;
            var texts = rows.Select(r => r[column]).ToArray();
            if (types[c] == typeof(long))
            {
                await group.WriteAsync<long>(fields[c], texts.Select(Whole).ToArray()).ConfigureAwait(false);
            }
            else if (types[c] == typeof(double))
            {
                await group.WriteAsync<double>(fields[c], texts.Select(Real).ToArray()).ConfigureAwait(false);
            }
            else if (types[c] == typeof(bool))
            {
                await group.WriteAsync<bool>(fields[c], texts.Select(t => (bool?)bool.Parse(t)).ToArray()).ConfigureAwait(false);
            }
            else
            {
                await group.WriteAsync(fields[c], texts).ConfigureAwait(false);
            }
        }
    }

    private static DataField Field(string name, Type type) =>
        type == typeof(string) ? new DataField<string>(name, nullable: false)
        : type == typeof(long) ? new DataField<long?>(name)
        : type == typeof(double) ? new DataField<double?>(name)
        : new DataField<bool?>(name);

    private static Type TypeOf(string column, IReadOnlyList<ScenarioSweepAxis> axes)
    {
        if (axes.FirstOrDefault(a => a.Path == column) is { } axis)
        {
            return axis.Values.All(v => v.Type == JTokenType.Integer) ? typeof(long)
                : axis.Values.All(v => v.Type is JTokenType.Integer or JTokenType.Float) ? typeof(double)
                : axis.Values.All(v => v.Type == JTokenType.Boolean) ? typeof(bool)
                : typeof(string);
        }

        return TextColumns.Contains(column) ? typeof(string) : WholeColumns.Contains(column) ? typeof(long) : typeof(double);
    }

    private static long? Whole(string text) =>
        text.Length == 0 ? null : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double? Real(string text) => text.Length == 0 ? null : SweepCsv.Number(text);
}
