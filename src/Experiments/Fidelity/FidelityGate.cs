using System.Globalization;

namespace Sasg.Experiments.Fidelity;

/// <summary>The CI gate of <c>sasg validate-network --check-target</c>: every large-payload configuration must meet the
/// target under the checked variant, and each deliberately wrong model (<see cref="Controls"/>) must miss it somewhere,
/// so that a gate that passes proves something.</summary>
public static class FidelityGate
{
    /// <summary>Models the gate must reject: the payload-only model, links 10 % slow, twice the latency.</summary>
    public static readonly IReadOnlyList<LinkModelVariant> Controls =
        [LinkModelVariant.Payload, LinkModelVariant.WireSlowLinks, LinkModelVariant.WireDoubleLatency];

    /// <summary>One line per configuration (errors after and before subtracting the harness overhead, the overhead,
    /// met or missed), then one line on the controls.</summary>
    /// <param name="report">What the validation compared.</param>
    /// <param name="variant">The variant that must meet the target.</param>
    public static FidelityGateResult Evaluate(FidelityReport report, LinkModelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(report);
        var large = report.Summaries.Where(s => s.Class == PayloadClass.Large).ToList();
        var raw = FidelityAnalysis.Summarise(report.Observations.Select(o => o with { Measured = o.RawMeasured, Harness = 0 }))
            .Where(s => s.Class == PayloadClass.Large && s.Variant == variant)
            .ToDictionary(s => s.Configuration);
        var lines = new List<string>();
        var missed = 0;
        foreach (var s in large.Where(s => s.Variant == variant))
        {
            var harness = report.Harness.GetValueOrDefault(s.Configuration, HarnessOverhead.None);
            var before = raw.TryGetValue(s.Configuration, out var r) ? $"{Percent(r.MedianAbsoluteError)} / {Percent(r.P95AbsoluteError)}" : "-";
            missed += s.MeetsTarget ? 0 : 1;
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Configuration.Name}: {FidelityReportWriter.Word(variant)} median {Percent(s.MedianAbsoluteError)}, p95 {Percent(s.P95AbsoluteError)} (n = {s.Count}; before subtracting the harness {before}; harness per round trip median / p95 {harness}): {(s.MeetsTarget ? "met" : "MISSED (target 3 % / 10 %)")}"));
        }

        var configurations = large.Select(s => s.Configuration).Distinct().Count();
        var passed = new List<LinkModelVariant>();
        var controls = new List<string>();
        foreach (var control in Controls.Where(c => c != variant))
        {
            var misses = large.Count(s => s.Variant == control && !s.MeetsTarget);
            if (misses == 0)
            {
                passed.Add(control);
            }

            controls.Add(string.Create(CultureInfo.InvariantCulture, $"{FidelityReportWriter.Word(control)} missed in {misses} of {configurations}"));
        }

        lines.Add("wrong models (each must miss the target somewhere): " + string.Join(", ", controls)
            + (passed.Count == 0 ? ": all rejected" : $": NOT REJECTED: {string.Join(", ", passed.Select(FidelityReportWriter.Word))}"));
        return new FidelityGateResult(lines, missed == 0 && configurations > 0, passed);
    }

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
