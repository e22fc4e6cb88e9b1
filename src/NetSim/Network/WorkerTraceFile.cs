using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>
/// Reads a per-worker profile file (FedScale-like device traces): CSV with the header
/// <c>worker,compute_factor,uplink_bps,downlink_bps,uplink_latency_s,downlink_latency_s</c>, invariant culture.
/// </summary>
public static class WorkerTraceFile
{
    /// <summary>The header line the file must start with.</summary>
    public const string Header = "worker,compute_factor,uplink_bps,downlink_bps,uplink_latency_s,downlink_latency_s";

    /// <summary>Reads the profiles from the file at <paramref name="path"/>, ordered by worker.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the file, line and column.</exception>
    public static IReadOnlyList<WorkerProfile> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads the profiles from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The header is wrong, a line is malformed, or the workers are not 0..M-1.</exception>
    public static IReadOnlyList<WorkerProfile> Parse(TextReader reader, string source = "trace")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header?.Trim() != Header)
        {
            throw new FormatException($"{source}:1: the header must be '{Header}'.");
        }

        var profiles = new List<WorkerProfile>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 6)
            {
                throw new FormatException($"{source}:{lineNumber}: expected 6 columns, found {cells.Length}.");
            }

            try
            {
                profiles.Add(new WorkerProfile(
                    int.Parse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture),
                    ParseFactor(cells[1]),
                    Link.FromValues(Number(cells[2]), Number(cells[4])),
                    Link.FromValues(Number(cells[3]), Number(cells[5]))));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
            {
                throw new FormatException($"{source}:{lineNumber}: {exception.Message}", exception);
            }
        }

        profiles.Sort((a, b) => a.Worker.CompareTo(b.Worker));
        for (var i = 0; i < profiles.Count; i++)
        {
            if (profiles[i].Worker != i)
            {
                throw new FormatException($"{source}: the workers must be numbered 0..{profiles.Count - 1} once each.");
            }
        }

        return profiles.Count > 0 ? profiles : throw new FormatException($"{source}: no workers.");
    }

    /// <summary>The star described by <paramref name="profiles"/> with the given server ingress.</summary>
    public static StarTopology ToTopology(IReadOnlyList<WorkerProfile> profiles, Bandwidth serverIngress)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return new StarTopology(
            profiles.Select(p => p.Uplink).ToArray(), profiles.Select(p => p.Downlink).ToArray(), serverIngress);
    }

    /// <summary>The compute model described by <paramref name="profiles"/>.</summary>
    public static ComputeModel ToComputeModel(
        IReadOnlyList<WorkerProfile> profiles, StragglerNoise? noise = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return new ComputeModel(profiles.Select(p => p.ComputeFactor).ToArray(), noise, seed);
    }

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double ParseFactor(string cell)
    {
        var value = Number(cell);
        return double.IsFinite(value) && value > 0
            ? value
            : throw new FormatException($"compute_factor must be a finite positive number, not {cell}.");
    }
}
