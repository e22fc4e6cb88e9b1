using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;

namespace Sasg.Experiments.Fidelity;

/// <summary>Replays decision logs on emulated networks (tools/netem) and compares every iteration with the simulator.</summary>
/// <remarks>
/// Each network's run goes to <c>&lt;output&gt;/runs/&lt;configuration&gt;/</c> (plan.txt, uploads.csv,
/// environment.txt written last); a folder whose plan.txt matches and whose environment.txt exists is reused, so an
/// interrupted validation resumes; without a runner (analysis only) every finished folder is compared with the plan
/// it recorded, without emulating.
/// </remarks>
public static class FidelityValidation
{
    /// <summary>Runs (or reuses) every network of <paramref name="grid"/> and writes the report into
    /// <paramref name="output"/>; returns what was compared.</summary>
    /// <exception cref="InvalidDataException">A decision log lacks an algorithm or workers, or a reused run is broken.</exception>
    /// <exception cref="InvalidOperationException">An emulated run failed.</exception>
    public static FidelityReport Run(
        FidelityGrid grid, IReadOnlyList<DecisionRow> decisions, NetemRunner? netem, string output, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(progress);
        var algorithms = grid.Algorithms.Count > 0 ? grid.Algorithms : decisions.Select(d => d.Algorithm).Distinct().ToList();
        var observations = new List<FidelityObservation>();
        var pushUploads = new List<UploadCompletionSummary>();
        var environments = new Dictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>>();
        var harness = new Dictionary<FidelityConfiguration, HarnessOverhead>();
        var prefix = "nv" + (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture);
        foreach (var configuration in grid.Configurations)
        {
            var estimate = (PlannedIteration p) =>
                grid.Passes * (FidelityModel.Simulate(configuration, [p], LinkModelVariant.Wire, null)[0] + 30_000_000);
            var plan = EmulationPlan.Select(
                decisions, algorithms, configuration.Workers, grid.IterationsPerAlgorithm, estimate, grid.BudgetNanoseconds);
            var directory = Path.Combine(output, "runs", configuration.Name);
            var planFile = Path.Combine(directory, "plan.txt");
            var planText = EmulationPlan.ToText(plan);
            var finished = File.Exists(planFile) && File.Exists(Path.Combine(directory, "environment.txt"));
            if (finished && netem is null)
            {
                // Analysis only: compare what was actually run, even if the selection rules have changed since.
                plan = EmulationPlan.Parse(File.ReadAllText(planFile), configuration.Workers);
                planText = EmulationPlan.ToText(plan);
            }

            var reusable = finished && File.ReadAllText(planFile) == planText;
            if (!reusable)
            {
                if (netem is null)
                {
                    throw new InvalidDataException($"{directory}: no finished run for this plan (run without --analyze-only)");
                }

                progress($"{configuration.Name}: {plan.Count} iterations x {grid.Passes} passes");
                Directory.CreateDirectory(directory);
                File.Delete(Path.Combine(directory, "environment.txt"));
                AtomicFile.WriteAllText(planFile, planText);
                netem.Run(configuration, planFile, directory, grid.Passes, prefix);
            }

            var measured = EmulationResult.Read(directory, plan.Count, configuration.Workers);
            harness[configuration] = HarnessOverhead.From(configuration, measured.ProbeNanoseconds);
            environments[configuration] = new SortedDictionary<string, string>(measured.Environment.ToDictionary(), StringComparer.Ordinal)
            {
                [FidelityReportWriter.HarnessKey] = harness[configuration].ToString(),
            };
            observations.AddRange(FidelityAnalysis.Observe(configuration, plan, measured));
            pushUploads.AddRange(FidelityAnalysis.PushUploads(configuration, plan, measured));
        }

        var summaries = FidelityAnalysis.Summarise(observations);
        FidelityReportWriter.Write(output, observations, summaries, pushUploads, environments);
        return new FidelityReport(observations, summaries, harness);
    }
}
