using Sasg.NetSim.Network;

namespace Sasg.Experiments.Fidelity;

/// <summary>Errors of the simulator against emulated runs, summarised per network, variant and payload class.</summary>
public static class FidelityAnalysis
{
    /// <summary>The observations of one emulated run: every pass of every planned iteration, simulated under every
    /// variant, its measured time less the harness overhead the run's probes measured (<see cref="HarnessOverhead"/>).</summary>
    public static IReadOnlyList<FidelityObservation> Observe(
        FidelityConfiguration configuration, IReadOnlyList<PlannedIteration> plan, EmulationResult measured)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measured);
        var variants = Enum.GetValues<LinkModelVariant>();
        var rtt = measured.RoundTripMinimum;
        var simulated = variants
            .Select(v => v == LinkModelVariant.WireMeasuredLatency && rtt is null
                ? Enumerable.Repeat(-1L, plan.Count).ToArray()
                : FidelityModel.Simulate(configuration, plan, v, rtt))
            .ToArray();
        var overhead = HarnessOverhead.From(configuration, measured.ProbeNanoseconds);
        var observations = new List<FidelityObservation>();
        for (var pass = 0; pass < measured.Passes; pass++)
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var raw = measured.Durations[pass][i];
                var harness = Math.Min(overhead.For(configuration, plan[i]), raw / 2);
                observations.Add(new FidelityObservation(
                    configuration, pass, plan[i], raw - harness, simulated.Select(s => s[i]).ToArray(), harness));
            }
        }

        return observations;
    }

    /// <summary>For a push network: every upload of at least 160 KiB, its measured completion against the simulated one
    /// under <see cref="IngressPolicy.FairShare"/> and <see cref="IngressPolicy.SequentialPush"/> (wire model); each
    /// measured completion less one exchange's harness overhead (<see cref="HarnessOverhead"/>).</summary>
    /// <returns>Empty for a pull network or when no upload is large enough.</returns>
    public static IReadOnlyList<UploadCompletionSummary> PushUploads(
        FidelityConfiguration configuration, IReadOnlyList<PlannedIteration> plan, EmulationResult measured)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measured);
        if (configuration.Mode != FidelityMode.Push)
        {
            return [];
        }

        var harness = HarnessOverhead.From(configuration, measured.ProbeNanoseconds).MedianNanoseconds * (configuration.NewConnection ? 2 : 1);
        var result = new List<UploadCompletionSummary>();
        foreach (var policy in new[] { IngressPolicy.FairShare, IngressPolicy.SequentialPush })
        {
            var simulated = FidelityModel.Completions(configuration, plan, LinkModelVariant.Wire, policy);
            var pairs = new List<(long Measured, long Simulated)>();
            for (var pass = 0; pass < measured.Passes; pass++)
            {
                for (var i = 0; i < plan.Count; i++)
                {
                    for (var w = 0; w < configuration.Workers; w++)
                    {
                        if (plan[i].Sizes[w] >= 163_840)
                        {
                            var completion = measured.Completions[pass][i][w];
                            pairs.Add((completion - Math.Min(harness, completion / 2), simulated[i][w]));
                        }
                    }
                }
            }

            if (pairs.Count == 0)
            {
                return [];
            }

            var errors = pairs.Select(p => (p.Simulated - p.Measured) / (double)p.Measured).ToArray();
            var summary = Summary(configuration, LinkModelVariant.Wire, PayloadClass.Large, errors);
            var meanError = (pairs.Average(p => (double)p.Simulated) - pairs.Average(p => (double)p.Measured)) / pairs.Average(p => (double)p.Measured);
            result.Add(new UploadCompletionSummary(
                configuration, policy, pairs.Count, summary.MedianAbsoluteError, summary.P95AbsoluteError, summary.MedianError, meanError));
        }

        return result;
    }

    /// <summary>One summary per (configuration, variant, class) present, in configuration, variant, class order.</summary>
    public static IReadOnlyList<FidelitySummary> Summarise(IEnumerable<FidelityObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var all = observations.ToList();
        var result = new List<FidelitySummary>();
        foreach (var configuration in all.Select(o => o.Configuration).Distinct())
        {
            foreach (var variant in Enum.GetValues<LinkModelVariant>())
            {
                foreach (var group in all.Where(o => o.Configuration == configuration && (int)variant < o.Simulated.Count && o.Simulated[(int)variant] >= 0)
                    .GroupBy(o => o.Planned.Class).OrderBy(g => g.Key))
                {
                    var errors = group.Select(o => o.Error(variant)).ToArray();
                    result.Add(Summary(configuration, variant, group.Key, errors));
                }
            }
        }

        return result;
    }

    /// <summary>The summary of <paramref name="errors"/> pooled over several configurations (configuration = the first).</summary>
    public static FidelitySummary Summary(FidelityConfiguration configuration, LinkModelVariant variant, PayloadClass payload, IReadOnlyList<double> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var absolute = errors.Select(Math.Abs).Order().ToArray();
        var signed = errors.Order().ToArray();
        return new FidelitySummary(
            configuration, variant, payload, errors.Count, Quantile(absolute, 0.5), Quantile(absolute, 0.95), Quantile(signed, 0.5),
            absolute.Length == 0 ? double.NaN : absolute[^1]);
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values by linear interpolation between order statistics
    /// (position q·(n − 1)); NaN when empty.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
