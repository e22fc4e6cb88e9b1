using System.Globalization;
using System.Text;
using Sasg.Experiments.Results;

namespace Sasg.Experiments.Fidelity;

/// <summary>How far the two references, the emulated namespaces (tools/netem) and ns-3 (tools/ns3), are apart on the same
/// iterations of the same networks: per configuration, the relative difference (ns-3 − netem) / netem of every
/// large-payload iteration present in both (paired by algorithm, iteration and pass; netem's time less its measured
/// harness overhead), summarised as the simulator's own target is (median ≤ 3 %, p95 ≤ 10 %), so that neither reference
/// is trusted blindly.</summary>
public static class ReferenceAgreement
{
    /// <summary>One summary per configuration with large-payload iterations in both reports (variant = wire, class =
    /// large; the errors are ns-3's against netem's, not the simulator's).</summary>
    public static IReadOnlyList<FidelitySummary> Compare(FidelityReport netem, FidelityReport ns3)
    {
        ArgumentNullException.ThrowIfNull(netem);
        ArgumentNullException.ThrowIfNull(ns3);
        var reference = ns3.Observations
            .Where(o => o.Planned.Class == PayloadClass.Large)
            .ToDictionary(o => (o.Configuration, o.Planned.Algorithm, o.Planned.Iteration, o.Pass), o => o.Measured);
        var result = new List<FidelitySummary>();
        foreach (var group in netem.Observations.Where(o => o.Planned.Class == PayloadClass.Large).GroupBy(o => o.Configuration))
        {
            var errors = group
                .Where(o => reference.ContainsKey((o.Configuration, o.Planned.Algorithm, o.Planned.Iteration, o.Pass)))
                .Select(o => (reference[(o.Configuration, o.Planned.Algorithm, o.Planned.Iteration, o.Pass)] - o.Measured) / (double)o.Measured)
                .ToArray();
            if (errors.Length > 0)
            {
                result.Add(FidelityAnalysis.Summary(group.Key, LinkModelVariant.Wire, PayloadClass.Large, errors));
            }
        }

        return result;
    }

    /// <summary>One line per configuration: "m4-100mbit-0.5ms-push: ns-3 vs netem median 0.4 %, p95 1.2 % (n = 15,
    /// signed median -0.3 %): agree" (or "DISAGREE (target 3 % / 10 %)").</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<FidelitySummary> agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return [.. agreement.Select(s => string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Configuration.Name}: ns-3 vs netem median {Percent(s.MedianAbsoluteError)}, p95 {Percent(s.P95AbsoluteError)} (n = {s.Count}, signed median {Percent(s.MedianError)}): {(s.MeetsTarget ? "agree" : "DISAGREE (target 3 % / 10 %)")}"))];
    }

    /// <summary>Writes agreement.csv (as errors.csv, the error being ns-3's against netem's) into
    /// <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, IReadOnlyList<FidelitySummary> agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var text = new StringBuilder("configuration,workers,rate_bps,latency_ms,mode,count,median_abs_difference,p95_abs_difference,median_difference,max_abs_difference,agree\n");
        foreach (var s in agreement)
        {
            var c = s.Configuration;
            text.Append(CultureInfo.InvariantCulture, $"{c.Name},{c.Workers},{c.Rate.BitsPerSecond},{(c.Latency.Nanoseconds / 1e6).ToString("R", CultureInfo.InvariantCulture)},{c.Mode.ToString().ToLowerInvariant()},{s.Count},{R(s.MedianAbsoluteError)},{R(s.P95AbsoluteError)},{R(s.MedianError)},{R(s.MaxAbsoluteError)},{(s.MeetsTarget ? "true" : "false")}\n");
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "agreement.csv");
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
