using System.Globalization;
using System.Text;

namespace Sasg.Learning.Partitioning;

/// <summary>Per worker, the number of samples and the label histogram: what a run records about its partition.</summary>
/// <remarks>
/// The CSV has the columns <c>worker,source,samples,label_0,...,label_{C-1}</c>, where C is the largest class count of
/// the sources (no label columns when every source is a regression set). A worker whose source has no class labels
/// leaves its label cells empty. Numbers use the invariant culture; lines end with '\n'.
/// </remarks>
public sealed class PartitionReport
{
    private PartitionReport(IReadOnlyList<PartitionReportRow> rows, int classCount)
    {
        Rows = rows;
        ClassCount = classCount;
    }

    /// <summary>One row per worker, in worker order.</summary>
    public IReadOnlyList<PartitionReportRow> Rows { get; }

    /// <summary>The number of label columns.</summary>
    public int ClassCount { get; }

    /// <summary>Counts the samples and labels of every worker in <paramref name="partition"/>.</summary>
    public static PartitionReport Of(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var classCount = partition.Sources.Select(s => s.ClassCount).DefaultIfEmpty(0).Max();
        var rows = new PartitionReportRow[partition.WorkerCount];
        for (var w = 0; w < rows.Length; w++)
        {
            var shard = partition.Workers[w];
            var source = partition.Sources[shard.Source];
            int[]? histogram = null;
            if (source.Labels is { } labels)
            {
                histogram = new int[classCount];
                foreach (var index in shard.Indices)
                {
                    histogram[labels[index]]++;
                }
            }

            rows[w] = new PartitionReportRow(w, source.Name, shard.Count, histogram);
        }

        return new PartitionReport(rows, classCount);
    }

    /// <summary>The report as CSV text, header first.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes the report as CSV, header first, to <paramref name="writer"/>.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder("worker,source,samples");
        for (var k = 0; k < ClassCount; k++)
        {
            line.Append(CultureInfo.InvariantCulture, $",label_{k}");
        }

        writer.Write(line.Append('\n').ToString());
        foreach (var row in Rows)
        {
            line.Clear().Append(CultureInfo.InvariantCulture, $"{row.Worker},{Quote(row.Source)},{row.Samples}");
            for (var k = 0; k < ClassCount; k++)
            {
                line.Append(',');
                if (row.LabelCounts is { } counts)
                {
                    line.Append(counts[k].ToString(CultureInfo.InvariantCulture));
                }
            }

            writer.Write(line.Append('\n').ToString());
        }
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
