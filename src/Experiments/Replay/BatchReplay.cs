using System.Globalization;
using Parquet;
using Parquet.Schema;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;

namespace Sasg.Experiments.Replay;

/// <summary>Replays one recorded run through many networks in one process, the networks shared out over the cores,
/// and writes one summary row per network (replays.csv and replays.parquet).</summary>
/// <remarks>The decision logs are read once (<see cref="ReplayFolder"/>) and shared read-only by every network; each
/// network gets its own topology, compute model and round, so the rows are those a <c>sasg replay</c> per network
/// gives, in the order of <c>networks</c> whatever the number of threads.</remarks>
public static class BatchReplay
{
    /// <summary>The summary's file name without extension.</summary>
    public const string FileStem = "replays";

    private static readonly string[] NetworkColumns =
        ["network", "uplink_bps", "downlink_bps", "latency_ns", "server_ingress_bps", "ingress", "mtu", "connection"];

    /// <summary>The folder of the network numbered <paramref name="network"/> (from 1, the "network" column) under
    /// <paramref name="directory"/>, when a folder per network is asked for.</summary>
    public static string NetworkFolder(string directory, int network) =>
        Path.Combine(directory, "networks", network.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every method of <paramref name="folder"/> replayed on each of <paramref name="networks"/>, in order.</summary>
    /// <param name="folder">The recorded run.</param>
    /// <param name="networks">The networks (the run's network with some fields changed).</param>
    /// <param name="locator">Finds the data only when summary.json does not give the network's size.</param>
    /// <param name="threads">The most networks replayed at once.</param>
    /// <param name="folders">When given, each network's results folder (scenario.json and metrics.csv,
    /// <see cref="ReplayFolder.Replay(ScenarioNetwork, DatasetLocator, string)"/>) is written under it at
    /// <see cref="NetworkFolder"/>; by default none is.</param>
    /// <exception cref="InvalidDataException">A network does not fit the run (another M) or a time passes the
    /// simulator's range; the message is that of the first such network, in order. Any other failure of a network
    /// (its data not found, for a folder without summary.json) is thrown as it is, never wrapped.</exception>
    public static IReadOnlyList<IReadOnlyList<ReplayedMethod>> Run(
        ReplayFolder folder, IReadOnlyList<ScenarioNetwork> networks, DatasetLocator locator, int threads, string? folders = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var results = new IReadOnlyList<ReplayedMethod>[networks.Count];
        var errors = new Exception?[networks.Count];
        Parallel.For(0, networks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, (i, state) =>
        {
            try
            {
                results[i] = folder.Replay(networks[i], locator, folders is null ? null : NetworkFolder(folders, i + 1));
            }
#pragma warning disable CA1031 // Kept and rethrown as it is below, so that a caller sees no AggregateException.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors[i] = ex;
                state.Break();
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        return results;
    }

    /// <summary>Writes replays.csv and replays.parquet into <paramref name="directory"/>: per network its fields and
    /// each method's replayed seconds (a column named after the method's label and "_s").</summary>
    public static void Write(
        string directory, IReadOnlyList<string> labels, IReadOnlyList<ScenarioNetwork> networks, IReadOnlyList<IReadOnlyList<ReplayedMethod>> results)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(directory);
        var methods = labels.Select(l => l + "_s").ToArray();
        AtomicFile.WriteAllText(Path.Combine(directory, FileStem + ".csv"), Csv(methods, networks, results));
        AtomicFile.Write(Path.Combine(directory, FileStem + ".parquet"), stream => Parquet(stream, methods, networks, results));
    }

    private static string Csv(string[] methods, IReadOnlyList<ScenarioNetwork> networks, IReadOnlyList<IReadOnlyList<ReplayedMethod>> results) =>
        CsvTables.Write(Enumerable.Range(0, networks.Count), [.. NetworkColumns, .. methods], (csv, i) =>
        {
            var n = networks[i];
            csv.WriteField((i + 1).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(n.Uplink.BitsPerSecond.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(n.Downlink.BitsPerSecond.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(n.Latency.Nanoseconds.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(n.ServerIngress.BitsPerSecond.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(ScenarioWords.Ingress.WordOf(n.Ingress));
            csv.WriteField((n.Mtu ?? 0).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(n.NewConnectionPerUpload ? "new" : "persistent");
            foreach (var method in results[i])
            {
                csv.WriteField(CsvTables.Number(method.ReplayedSeconds));
            }
        });

    private static void Parquet(Stream stream, string[] methods, IReadOnlyList<ScenarioNetwork> networks, IReadOnlyList<IReadOnlyList<ReplayedMethod>> results)
    {
        var fields = new List<DataField>
        {
            new DataField<int>(NetworkColumns[0], nullable: false),
            new DataField<long>(NetworkColumns[1], nullable: false),
            new DataField<long>(NetworkColumns[2], nullable: false),
            new DataField<long>(NetworkColumns[3], nullable: false),
            new DataField<long>(NetworkColumns[4], nullable: false),
            new DataField<string>(NetworkColumns[5], nullable: false),
            new DataField<int>(NetworkColumns[6], nullable: false),
            new DataField<string>(NetworkColumns[7], nullable: false),
        };
        fields.AddRange(methods.Select(m => new DataField<double>(m, nullable: false)));
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        try
        {
            WriteRows(writer, fields, methods.Length, networks, results);
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void WriteRows(
        ParquetWriter writer, List<DataField> fields, int methods, IReadOnlyList<ScenarioNetwork> networks, IReadOnlyList<IReadOnlyList<ReplayedMethod>> results)
    {
        using var group = writer.CreateRowGroup();
        void Column<T>(int index, Func<int, T> value)
            where T : struct => group.WriteAsync<T>(fields[index], Enumerable.Range(0, networks.Count).Select(value).ToArray().AsMemory()).GetAwaiter().GetResult();
        void Words(int index, Func<int, string> value) =>
            group.WriteAsync(fields[index], Enumerable.Range(0, networks.Count).Select(value).ToArray()).GetAwaiter().GetResult();

        Column(0, i => i + 1);
        Column(1, i => networks[i].Uplink.BitsPerSecond);
        Column(2, i => networks[i].Downlink.BitsPerSecond);
        Column(3, i => networks[i].Latency.Nanoseconds);
        Column(4, i => networks[i].ServerIngress.BitsPerSecond);
        Words(5, i => ScenarioWords.Ingress.WordOf(networks[i].Ingress));
        Column(6, i => networks[i].Mtu ?? 0);
        Words(7, i => networks[i].NewConnectionPerUpload ? "new" : "persistent");
        for (var m = 0; m < methods; m++)
        {
            var method = m;
            Column(NetworkColumns.Length + m, i => results[i][method].ReplayedSeconds);
        }
    }
}
