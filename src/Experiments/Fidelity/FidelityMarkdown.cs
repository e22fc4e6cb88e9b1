using System.Globalization;
using System.Text;

namespace Sasg.Experiments.Fidelity;

/// <summary>The fidelity.md of a run: error per configuration (median, p95) per variant, large and small payloads
/// apart, pooled figures, and the environment record.</summary>
internal static class FidelityMarkdown
{
    public static string Create(
        IReadOnlyList<FidelityObservation> observations,
        IReadOnlyList<FidelitySummary> summaries,
        IReadOnlyList<UploadCompletionSummary> pushUploads,
        IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>> environments)
    {
        var ns3 = FidelityReportWriter.IsNs3(environments);
        var text = new StringBuilder(ns3 ? "# Simulated (Sasg) vs ns-3 iteration times\n\n" : "# Simulated vs emulated iteration times\n\n");
        text.Append("err = (simulated − measured) / measured per iteration; |err| median and p95 per configuration. ");
        text.Append("Variants: `payload` (old default), `wire` (8 B header + TCP/IP framing at MTU 1500), ");
        text.Append("`wire-rtt` (wire, latency = measured ping RTT_min / 2). Target for large payloads (≥ 160 KiB): ");
        text.Append("median ≤ 3 %, p95 ≤ 10 %.\n\n");
        Pooled(text, observations);
        foreach (var payload in new[] { PayloadClass.Large, PayloadClass.Medium, PayloadClass.Small })
        {
            var rows = summaries.Where(s => s.Class == payload).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"## {payload} payloads\n\n");
            text.Append("| configuration | n | payload median / p95 | wire median / p95 | wire-rtt median / p95 | wire-rtt signed median | target (wire-rtt) |\n");
            text.Append("|---|---|---|---|---|---|---|\n");
            foreach (var configuration in rows.Select(r => r.Configuration).Distinct())
            {
                var of = rows.Where(r => r.Configuration == configuration).ToDictionary(r => r.Variant);
                var best = of.GetValueOrDefault(LinkModelVariant.WireMeasuredLatency);
                text.Append(CultureInfo.InvariantCulture, $"| {configuration.Name} | {of.Values.First().Count} | {Pair(of, LinkModelVariant.Payload)} | {Pair(of, LinkModelVariant.Wire)} | {Pair(of, LinkModelVariant.WireMeasuredLatency)} | {Percent(best?.MedianError)} | {(best is null ? "-" : best.MeetsTarget ? "met" : "missed")} |\n");
            }

            text.Append('\n');
        }

        if (pushUploads.Count > 0)
        {
            text.Append("## Push, upload by upload (uploads >= 160 KiB, wire model)\n\n");
            foreach (var policy in new[] { NetSim.Network.IngressPolicy.FairShare, NetSim.Network.IngressPolicy.SequentialPush })
            {
                var of = pushUploads.Where(u => u.Policy == policy).ToList();
                var medians = of.Select(u => u.MedianAbsoluteError).Order().ToArray();
                text.Append(CultureInfo.InvariantCulture, $"All {of.Count} push configurations, {(policy == NetSim.Network.IngressPolicy.FairShare ? "fair-share" : "sequential-push")}: median over configurations of the median |err| {Percent(FidelityAnalysis.Quantile(medians, 0.5))}, largest p95 {Percent(of.Max(u => u.P95AbsoluteError))}, mean completion error {Percent(of.Min(u => u.MeanCompletionError))} … {Percent(of.Max(u => u.MeanCompletionError))}.\n\n");
            }

            text.Append("| configuration | n | fair-share median / p95 | fair-share mean completion | sequential-push median / p95 | sequential-push mean completion |\n|---|---|---|---|---|---|\n");
            foreach (var group in pushUploads.GroupBy(u => u.Configuration))
            {
                var fair = group.First(u => u.Policy == NetSim.Network.IngressPolicy.FairShare);
                var sequential = group.First(u => u.Policy == NetSim.Network.IngressPolicy.SequentialPush);
                text.Append(CultureInfo.InvariantCulture, $"| {group.Key.Name} | {fair.Count} | {Percent(fair.MedianAbsoluteError)} / {Percent(fair.P95AbsoluteError)} | {Percent(fair.MeanCompletionError)} | {Percent(sequential.MedianAbsoluteError)} / {Percent(sequential.P95AbsoluteError)} | {Percent(sequential.MeanCompletionError)} |\n");
            }

            text.Append('\n');
        }

        text.Append("## Environment\n\n");
        if (ns3)
        {
            Ns3Environment(text, environments);
            return text.ToString();
        }

        var excess = new List<double>();
        var spread = new List<double>();
        var load = new List<double>();
        foreach (var (configuration, e) in environments)
        {
            var rtt = e.GetValueOrDefault("ping_rtt_ms_min_avg_max", "").Split(' ');
            if (rtt.Length == 3 && double.TryParse(rtt[0], CultureInfo.InvariantCulture, out var min) && double.TryParse(rtt[1], CultureInfo.InvariantCulture, out var avg))
            {
                excess.Add(min - (2 * configuration.Latency.Nanoseconds / 1e6));
                spread.Add(avg - min);
            }

            if (double.TryParse(e.GetValueOrDefault("loadavg_before", "").Split(' ')[0], CultureInfo.InvariantCulture, out var l))
            {
                load.Add(l);
            }
        }

        if (excess.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Over {excess.Count} runs: ping RTT_min − 2D {excess.Min():0.000} … {excess.Max():0.000} ms (emulator overhead), RTT avg − min {spread.Min():0.000} … {spread.Max():0.000} ms; 1-minute load average before a run {(load.Count > 0 ? $"{load.Min():0.0} … {load.Max():0.0}" : "?")} on {environments.Values.First().GetValueOrDefault("cpus", "?")} CPUs.\n\n");
        }

        text.Append("| configuration | cc | MTU | shaper | GSO max | ping RTT min / avg (ms) | harness per round trip, median / p95 (subtracted: the median per exchange) | load before / after |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var (configuration, e) in environments)
        {
            var rtt = e.GetValueOrDefault("ping_rtt_ms_min_avg_max", "").Split(' ');
            text.Append(CultureInfo.InvariantCulture, $"| {configuration.Name} | {e.GetValueOrDefault("congestion_control", "?")} | {e.GetValueOrDefault("mtu", "?")} | {Shaper(e)} | {e.GetValueOrDefault("gso_max_size", "?")} | {(rtt.Length >= 2 ? rtt[0] + " / " + rtt[1] : "?")} | {e.GetValueOrDefault(FidelityReportWriter.HarnessKey, "not measured")} | {e.GetValueOrDefault("loadavg_before", "?").Split(' ')[0]} / {e.GetValueOrDefault("loadavg_after", "?").Split(' ')[0]} |\n");
        }

        return text.ToString();
    }

    // The emulator's links: the delay line's virtual clock, or tbf with its burst (runs recorded before the shaper was
    // recorded were all tbf).
    private static string Shaper(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("shaper") is { } shaper && shaper != "tbf"
            ? shaper
            : environment.GetValueOrDefault("tbf_burst_bytes") is { } burst ? $"tbf, burst {burst} B" : "?";

    // ns-3 runs: what was simulated, the losses and timeouts (the regimes a loss-free model cannot follow), and the wall
    // time of ns-3 against Sasg's for the same iterations.
    private static void Ns3Environment(StringBuilder text, IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>> environments)
    {
        var first = environments.Values.First();
        text.Append(CultureInfo.InvariantCulture, $"ns-3 {first.GetValueOrDefault("ns3_version", "?")}, {first.GetValueOrDefault("tcp", "?")}; {first.GetValueOrDefault("cpus", "?")} CPUs. ");
        text.Append("Drops and TCP events are counted over the whole run (warm-up included); tcp.csv in each run's folder has them per iteration. ");
        text.Append("Wall times: ns-3's whole run (warm-up and every pass) against Sasg's wire model simulating the same iterations as many times.\n\n");
        text.Append("| configuration | warm-up bytes per worker | server / worker queue drops | timeouts / fast recoveries | ns-3 wall (s) | Sasg wall (s) | ns-3 / Sasg | load before / after |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var (configuration, e) in environments)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {configuration.Name} | {e.GetValueOrDefault("warm_bytes", "?")} | {e.GetValueOrDefault("server_queue_drops", "?")} / {e.GetValueOrDefault("worker_queue_drops", "?")} | {e.GetValueOrDefault("tcp_timeouts", "?")} / {e.GetValueOrDefault("tcp_fast_recoveries", "?")} | {e.GetValueOrDefault(FidelityValidation.Ns3WallKey, "?")} | {e.GetValueOrDefault(FidelityValidation.SasgWallKey, "?")} | {e.GetValueOrDefault(FidelityValidation.SpeedupKey, "?")} | {e.GetValueOrDefault("loadavg_before", "?").Split(' ')[0]} / {e.GetValueOrDefault("loadavg_after", "?").Split(' ')[0]} |\n");
        }
    }

    // Every iteration of a class pooled: overall, then per (rate, latency, mode) over all M; and how many
    // configurations meet the target.
    private static void Pooled(StringBuilder text, IReadOnlyList<FidelityObservation> observations)
    {
        var variants = Enum.GetValues<LinkModelVariant>();
        text.Append("## Pooled\n\n| iterations | class | n | configurations | payload median / p95 | wire median / p95 | wire-rtt median / p95 | configurations meeting the target (payload / wire / wire-rtt) |\n|---|---|---|---|---|---|---|---|\n");
        var groups = observations
            .GroupBy(o => (Scope: "all", o.Planned.Class))
            .Concat(observations.GroupBy(o => (Scope: $"{o.Configuration.NetemRate} {o.Configuration.LatencyText} {o.Configuration.Mode.ToString().ToLowerInvariant()}", o.Planned.Class)))
            .Where(g => g.Key.Class != PayloadClass.Medium)
            .OrderBy(g => g.Key.Scope == "all" ? 0 : 1)
            .ThenByDescending(g => g.Key.Class);
        foreach (var group in groups)
        {
            var pairs = variants.Select(v =>
            {
                var valid = group.Where(o => o.Simulated[(int)v] >= 0).ToList();
                var pooled = FidelityAnalysis.Summary(group.First().Configuration, v, group.Key.Class, [.. valid.Select(o => o.Error(v))]);
                var met = valid.GroupBy(o => o.Configuration).Count(c =>
                    FidelityAnalysis.Summary(c.Key, v, group.Key.Class, [.. c.Select(o => o.Error(v))]).MeetsTarget);
                return (Text: $"{Percent(pooled.MedianAbsoluteError)} / {Percent(pooled.P95AbsoluteError)}", Met: met);
            }).ToList();
            var configurations = group.Select(o => o.Configuration).Distinct().Count();
            text.Append(CultureInfo.InvariantCulture, $"| {group.Key.Scope} | {group.Key.Class.ToString().ToLowerInvariant()} | {group.Count()} | {configurations} | {pairs[0].Text} | {pairs[1].Text} | {pairs[2].Text} | {pairs[0].Met} / {pairs[1].Met} / {pairs[2].Met} |\n");
        }

        text.Append('\n');
    }

    private static string Pair(Dictionary<LinkModelVariant, FidelitySummary> of, LinkModelVariant variant) =>
        of.TryGetValue(variant, out var s) ? $"{Percent(s.MedianAbsoluteError)} / {Percent(s.P95AbsoluteError)}" : "-";

    private static string Percent(double? value) =>
        value is { } v && !double.IsNaN(v) ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";
}
