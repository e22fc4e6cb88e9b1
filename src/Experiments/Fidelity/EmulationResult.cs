using System.Globalization;
using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Fidelity;

/// <summary>What one emulated run measured: per pass and planned iteration, the time from the server's first command to
/// the kernel timestamp of the last byte in; the payload-free probes timed before each iteration (probes.csv, absent in
/// runs recorded before it existed); and the run's environment record (tools/netem/netem.sh run).</summary>
public sealed class EmulationResult
{
    private EmulationResult(
        IReadOnlyList<IReadOnlyList<long>> durations,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<long>>> completions,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<long> probes)
    {
        Durations = durations;
        ProbeNanoseconds = probes;
        Completions = completions;
        Environment = environment;
    }

    /// <summary>Per pass, planned iteration and worker: when the last byte of its upload or skip notice was in (ns after
    /// the iteration's start, kernel timestamp).</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<long>>> Completions { get; }

    /// <summary>Measured iteration durations in nanoseconds, indexed [pass][planned iteration].</summary>
    public IReadOnlyList<IReadOnlyList<long>> Durations { get; }

    /// <summary>Every probe's round trip in nanoseconds (command written to reply's kernel timestamp); empty when the run
    /// has no probes.csv.</summary>
    public IReadOnlyList<long> ProbeNanoseconds { get; }

    /// <summary>The run's environment record (key = value lines of environment.txt).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The number of passes over the plan.</summary>
    public int Passes => Durations.Count;

    /// <summary>The ping RTT minimum measured on the emulated path, when recorded.</summary>
    public SimTime? RoundTripMinimum => RoundTrip(0);

    /// <summary>The ping RTT average measured on the emulated path, when recorded.</summary>
    public SimTime? RoundTripAverage => RoundTrip(1);

    /// <summary>Reads <c>uploads.csv</c> and <c>environment.txt</c> of <paramref name="directory"/> for a plan of
    /// <paramref name="iterations"/> iterations of <paramref name="workers"/> workers.</summary>
    /// <exception cref="InvalidDataException">A file is missing or malformed; the message names it and the line.</exception>
    public static EmulationResult Read(string directory, int iterations, int workers)
    {
        var uploads = Path.Combine(directory, "uploads.csv");
        var environmentPath = Path.Combine(directory, "environment.txt");
        if (!File.Exists(uploads) || !File.Exists(environmentPath))
        {
            throw new InvalidDataException($"{directory}: needs uploads.csv and environment.txt from tools/netem/netem.sh run");
        }

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(environmentPath))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                var key = line[..equals];
                environment[key] = environment.TryGetValue(key, out var earlier) ? earlier + "; " + line[(equals + 1)..] : line[(equals + 1)..];
            }
        }

        var rows = File.ReadAllLines(uploads);
        if (rows.Length == 0 || rows[0] != "pass,iteration,worker,bytes,command_ns,done_ns,read_ns")
        {
            throw new InvalidDataException($"{uploads}: line 1: not an uploads.csv header");
        }

        var passes = (rows.Length - 1) / Math.Max(1, iterations * workers);
        if (passes == 0 || (rows.Length - 1) != passes * iterations * workers)
        {
            throw new InvalidDataException(
                $"{uploads}: {rows.Length - 1} rows do not make whole passes of {iterations} iterations x {workers} workers");
        }

        var durations = Enumerable.Range(0, passes).Select(_ => new long[iterations]).ToArray();
        var completions = Enumerable.Range(0, passes).Select(_ => Enumerable.Range(0, iterations).Select(_ => new long[workers]).ToArray()).ToArray();
        for (var r = 1; r < rows.Length; r++)
        {
            var f = rows[r].Split(',');
            if (f.Length != 7
                || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pass)
                || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration)
                || !int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var worker)
                || !long.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var done)
                || pass < 0 || pass >= passes || iteration < 0 || iteration >= iterations || worker < 0 || worker >= workers || done <= 0)
            {
                throw new InvalidDataException($"{uploads}: line {r + 1}: not an upload row ({rows[r]})");
            }

            durations[pass][iteration] = Math.Max(durations[pass][iteration], done);
            completions[pass][iteration][worker] = done;
        }

        return new EmulationResult(durations, completions, environment, ReadProbes(Path.Combine(directory, "probes.csv")));
    }

    private static List<long> ReadProbes(string path)
    {
        var probes = new List<long>();
        if (!File.Exists(path))
        {
            return probes;
        }

        var rows = File.ReadAllLines(path);
        if (rows.Length == 0 || rows[0] != "pass,iteration,worker,probe_ns")
        {
            throw new InvalidDataException($"{path}: line 1: not a probes.csv header");
        }

        for (var r = 1; r < rows.Length; r++)
        {
            var f = rows[r].Split(',');
            if (f.Length != 4 || !long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var probe) || probe <= 0)
            {
                throw new InvalidDataException($"{path}: line {r + 1}: not a probe row ({rows[r]})");
            }

            probes.Add(probe);
        }

        return probes;
    }

    private SimTime? RoundTrip(int field)
    {
        if (!Environment.TryGetValue("ping_rtt_ms_min_avg_max", out var text))
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 && double.TryParse(parts[field], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? SimTime.FromSeconds(ms / 1000)
            : null;
    }
}
