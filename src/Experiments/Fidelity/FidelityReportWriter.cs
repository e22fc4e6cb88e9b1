using System.Globalization;
using System.Text;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Fidelity;

/// <summary>Writes a fidelity run's observations.csv, errors.csv, environment.csv, fidelity.md and error plot.</summary>
public static class FidelityReportWriter
{
    private static readonly string[] EnvironmentKeys =
    [
        "congestion_control", "host_default_cc", "mtu", "shaper", "tbf_burst_bytes", "tbf_limit_bytes", "gso_max_size", "rps_mask",
        "warm_bytes", "ping_rtt_ms_min_avg_max", HarnessKey, "delay_at", "realtime_priority", "loadavg_before", "loadavg_after", "kernel",
    ];

    // Listed too when a run is ns-3's (engine=ns-3): what it simulated, what it lost, and how long it and Sasg took.
    private static readonly string[] Ns3Keys =
    [
        "engine", "ns3_version", "server_queue_bytes", "worker_queue_bytes", "server_queue_drops", "worker_queue_drops",
        "tcp_timeouts", "tcp_fast_recoveries", FidelityValidation.Ns3WallKey, FidelityValidation.SasgWallKey, FidelityValidation.SpeedupKey,
    ];

    /// <summary>The environment key under which <see cref="FidelityValidation"/> records each run's
    /// <see cref="HarnessOverhead"/> (median / p95 per round trip, probes).</summary>
    public const string HarnessKey = "harness_overhead_per_round_trip";

    /// <summary>Writes every file into <paramref name="directory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(
        string directory,
        IReadOnlyList<FidelityObservation> observations,
        IReadOnlyList<FidelitySummary> summaries,
        IReadOnlyList<UploadCompletionSummary> pushUploads,
        IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>> environments)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(pushUploads);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(environments);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        Write(directory, "observations.csv", Observations(observations), written);
        Write(directory, "errors.csv", Errors(summaries), written);
        Write(directory, "push-uploads.csv", PushUploads(pushUploads), written);
        Write(directory, "environment.csv", Environment(environments), written);
        Write(directory, "fidelity.md", FidelityMarkdown.Create(observations, summaries, pushUploads, environments), written);
        var plots = Path.Combine(directory, "plots");
        Directory.CreateDirectory(plots);
        PlotFile.Save(FidelityPlot.Create(summaries), plots, "fidelity-errors", written);
        return written;
    }

    private static void Write(string directory, string name, string text, List<string> written)
    {
        var path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, text);
        written.Add(path);
    }

    private static string Observations(IReadOnlyList<FidelityObservation> observations)
    {
        var variants = Enum.GetValues<LinkModelVariant>();
        var text = new StringBuilder("configuration,workers,rate_bps,latency_ms,mode,pass,algorithm,iteration,class,max_payload_bytes,measured_raw_ns,harness_ns,measured_ns");
        foreach (var v in variants)
        {
            text.Append(CultureInfo.InvariantCulture, $",sim_{Word(v)}_ns");
        }

        foreach (var v in variants)
        {
            text.Append(CultureInfo.InvariantCulture, $",error_{Word(v)}");
        }

        text.Append('\n');
        foreach (var o in observations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Key(o.Configuration)},{o.Pass},{Field(o.Planned.Algorithm)},{o.Planned.Iteration},{o.Planned.Class.ToString().ToLowerInvariant()},{o.Planned.MaxPayload},{o.RawMeasured},{o.Harness},{o.Measured}");
            foreach (var v in variants)
            {
                text.Append(CultureInfo.InvariantCulture, $",{o.Simulated[(int)v]}");
            }

            foreach (var v in variants)
            {
                text.Append(',').Append(o.Simulated[(int)v] < 0 ? "NaN" : o.Error(v).ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Errors(IReadOnlyList<FidelitySummary> summaries)
    {
        var text = new StringBuilder("configuration,workers,rate_bps,latency_ms,mode,variant,class,count,median_abs_error,p95_abs_error,median_error,max_abs_error,meets_target\n");
        foreach (var s in summaries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Key(s.Configuration)},{Word(s.Variant)},{s.Class.ToString().ToLowerInvariant()},{s.Count},{R(s.MedianAbsoluteError)},{R(s.P95AbsoluteError)},{R(s.MedianError)},{R(s.MaxAbsoluteError)},{(s.MeetsTarget ? "true" : "false")}\n");
        }

        return text.ToString();
    }

    private static string PushUploads(IReadOnlyList<UploadCompletionSummary> summaries)
    {
        var text = new StringBuilder("configuration,workers,rate_bps,latency_ms,mode,policy,count,median_abs_error,p95_abs_error,median_error,mean_completion_error\n");
        foreach (var s in summaries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Key(s.Configuration)},{(s.Policy == NetSim.Network.IngressPolicy.FairShare ? "fair-share" : "sequential-push")},{s.Count},{R(s.MedianAbsoluteError)},{R(s.P95AbsoluteError)},{R(s.MedianError)},{R(s.MeanCompletionError)}\n");
        }

        return text.ToString();
    }

    private static string Environment(IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>> environments)
    {
        var keys = IsNs3(environments) ? [.. EnvironmentKeys, .. Ns3Keys] : EnvironmentKeys;
        var text = new StringBuilder("configuration,workers,rate_bps,latency_ms,mode");
        foreach (var key in keys)
        {
            text.Append(',').Append(key);
        }

        text.Append('\n');
        foreach (var (configuration, environment) in environments)
        {
            text.Append(Key(configuration));
            foreach (var key in keys)
            {
                text.Append(',').Append(Field(environment.TryGetValue(key, out var value) ? value : string.Empty));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Whether any of the runs is ns-3's (its environment.txt says <c>engine=ns-3</c>).</summary>
    internal static bool IsNs3(IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>> environments) =>
        environments.Values.Any(e => e.GetValueOrDefault("engine") == "ns-3");

    /// <summary>The variant's name in files: payload, wire, wire-rtt, and the controls wire-slow-10pct and
    /// wire-double-latency.</summary>
    public static string Word(LinkModelVariant variant) => variant switch
    {
        LinkModelVariant.Payload => "payload",
        LinkModelVariant.Wire => "wire",
        LinkModelVariant.WireMeasuredLatency => "wire-rtt",
        LinkModelVariant.WireSlowLinks => "wire-slow-10pct",
        _ => "wire-double-latency",
    };

    private static string Key(FidelityConfiguration c) => string.Create(
        CultureInfo.InvariantCulture,
        $"{c.Name},{c.Workers},{c.Rate.BitsPerSecond},{(c.Latency.Nanoseconds / 1e6).ToString("R", CultureInfo.InvariantCulture)},{c.Mode.ToString().ToLowerInvariant()}");

    private static string Field(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
