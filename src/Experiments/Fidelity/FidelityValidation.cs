using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;

namespace Sasg.Experiments.Fidelity;

/// <summary>Replays decision logs on a reference network (emulated by tools/netem, or simulated packet by packet by
/// tools/ns3) and compares every iteration with the simulator.</summary>
/// <remarks>
/// Each network's run goes to <c>&lt;output&gt;/runs/&lt;configuration&gt;/</c> (plan.txt, uploads.csv,
/// environment.txt written last); a folder whose plan.txt matches and whose environment.txt exists is reused, so an
/// interrupted validation resumes; without a runner (analysis only) every finished folder is compared with the plan
/// it recorded, without emulating. A finished folder is reused only by the engine that wrote it (environment.txt's
/// <c>engine</c>, netem when absent). For ns-3 runs the environment also records Sasg's own wall time for the same
/// iterations (<see cref="SasgWallKey"/>: the wire model simulating the plan as many times as the reference's passes,
/// after one untimed run) and the ratio of ns-3's wall time to it (<see cref="SpeedupKey"/>).
/// </remarks>
public static class FidelityValidation
{
    /// <summary>The environment key of Sasg's wall time for a configuration's iterations (seconds).</summary>
    public const string SasgWallKey = "sasg_wall_seconds";

    /// <summary>The environment key of the ns-3 run's wall time (seconds), written by tools/ns3/star.cc.</summary>
    public const string Ns3WallKey = "ns3_wall_seconds";

    /// <summary>The environment key of ns-3's wall time divided by Sasg's.</summary>
    public const string SpeedupKey = "sasg_speedup";

    /// <summary>Runs (or reuses) every network of <paramref name="grid"/> and writes the report into
    /// <paramref name="output"/>; returns what was compared.</summary>
    /// <exception cref="InvalidDataException">A decision log lacks an algorithm or workers, or a reused run is broken.</exception>
    /// <exception cref="InvalidOperationException">An emulated run failed.</exception>
    public static FidelityReport Run(
        FidelityGrid grid, IReadOnlyList<DecisionRow> decisions, INetworkReference? netem, string output, Action<string> progress)
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
                decisions, algorithms, configuration.Workers, grid.IterationsPerAlgorithm, estimate, grid.BudgetNanoseconds, grid.ReplicateWorkers);
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

            var reusable = finished && File.ReadAllText(planFile) == planText
                && (netem is null || EngineOf(directory) == netem.Engine);
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
            var environment = new SortedDictionary<string, string>(measured.Environment.ToDictionary(), StringComparer.Ordinal)
            {
                [FidelityReportWriter.HarnessKey] = harness[configuration].ToString(),
            };
            if (environment.TryGetValue(Ns3WallKey, out var ns3Text)
                && double.TryParse(ns3Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ns3Seconds))
            {
                var sasg = SasgWallSeconds(configuration, plan, measured.Passes);
                environment[SasgWallKey] = sasg.ToString("0.000000", CultureInfo.InvariantCulture);
                environment[SpeedupKey] = (ns3Seconds / Math.Max(sasg, 1e-6)).ToString("0", CultureInfo.InvariantCulture);
            }

            environments[configuration] = environment;
            observations.AddRange(FidelityAnalysis.Observe(configuration, plan, measured));
            pushUploads.AddRange(FidelityAnalysis.PushUploads(configuration, plan, measured));
        }

        var summaries = FidelityAnalysis.Summarise(observations);
        FidelityReportWriter.Write(output, observations, summaries, pushUploads, environments);
        return new FidelityReport(observations, summaries, harness, environments);
    }

    /// <summary>The engine that wrote a finished run folder: environment.txt's <c>engine</c> line, netem when absent.</summary>
    public static string EngineOf(string directory)
    {
        var path = Path.Combine(directory, "environment.txt");
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("engine=", StringComparison.Ordinal)) : null;
        return line is null ? "netem" : line["engine=".Length..];
    }

    // Sasg's wall time for what the reference ran: the wire model over the plan, once per pass, after one untimed run
    // (so that the first configuration does not pay the JIT alone).
    private static double SasgWallSeconds(FidelityConfiguration configuration, IReadOnlyList<PlannedIteration> plan, int passes)
    {
        _ = FidelityModel.Simulate(configuration, plan, LinkModelVariant.Wire, null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            _ = FidelityModel.Simulate(configuration, plan, LinkModelVariant.Wire, null);
        }

        return clock.Elapsed.TotalSeconds;
    }
}
