using System.Globalization;
using System.Text;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>partition.csv: who holds which data, one row per worker (<c>worker,source,samples,label_0,...</c>).</summary>
internal static class PartitionTable
{
    /// <summary>The plan's partition report when its data was partitioned from one set (<see cref="RunPlan.PartitionCsv"/>),
    /// else the same columns counted from each worker's own data (a synthetic problem draws every worker's set).</summary>
    public static string Csv(RunPlan plan)
    {
        if (plan.PartitionCsv.Length > 0)
        {
            return plan.PartitionCsv;
        }

        var classes = plan.WorkerData.Select(d => d.Labels is null ? 0 : d.ClassCount).DefaultIfEmpty(0).Max();
        var text = new StringBuilder("worker,source,samples");
        for (var k = 0; k < classes; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $",label_{k}");
        }

        text.Append('\n');
        for (var worker = 0; worker < plan.WorkerData.Count; worker++)
        {
            var data = plan.WorkerData[worker];
            text.Append(CultureInfo.InvariantCulture, $"{worker},{Quote(data.Name)},{data.Count}");
            var counts = new int[classes];
            foreach (var label in data.Labels ?? [])
            {
                counts[label]++;
            }

            foreach (var count in counts)
            {
                text.Append(',');
                if (data.Labels is not null)
                {
                    text.Append(count.ToString(CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // RFC 4180, as PartitionReport writes it.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
