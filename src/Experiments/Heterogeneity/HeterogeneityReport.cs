using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>LAG's communication theorem checked on a convex scenario: per seed, the predicted saving DeltaC from the
/// workers' smoothness constants against the measured uploads-to-target of GD, LAG-WK and LAG-PS.</summary>
/// <remarks>
/// Chen et al., LAG (NeurIPS 2018), Thm 2 as reconstructed in docs/heterogeneity.md:
/// C_LAG(eps) &lt;= (1 - DeltaC) C_GD(eps). The scenario's algorithms are replaced by GD, LAG-WK and LAG-PS (LAG-WK and
/// LAG-PS keep the scenario's <c>window</c> and <c>xi</c> when it has them); each seed runs them to the scenario's
/// stop target. LAG-WK's ratio is judged against the bound at its weights (default xi_d = 1/D)
/// (<see cref="BoundVerdicts"/>); LAG-PS's against the bound at its own weights. A run whose step or weights do not meet
/// the theorem's conditions (<see cref="LagTheorem"/>) gets no verdict ("outside").
/// </remarks>
public static class HeterogeneityReport
{
    /// <summary>Runs the report on <paramref name="scenario"/> once per seed in <paramref name="seeds"/>.</summary>
    /// <param name="scenario">A scenario with a linear or logistic model and a stop target.</param>
    /// <param name="seeds">The seeds; at least one.</param>
    /// <param name="locator">Finds installed datasets (default: <see cref="DatasetLocator.Default"/>).</param>
    /// <param name="progress">Told the seed before each seed's three runs, or null.</param>
    /// <param name="withinTheorem">Run LAG-WK and LAG-PS with <see cref="LagTheorem.WithinXi"/> and all three methods
    /// with the largest step inside the conditions, (1 - sum xi) / L, instead of the scenario's.</param>
    /// <exception cref="ScenarioException">The model is not linear or logistic (<c>$.model.kind</c>), the scenario
    /// has no stop target (<c>$.stop</c>), or a derived scenario is invalid.</exception>
    public static HeterogeneityOutcome Run(
        Scenario scenario,
        IReadOnlyList<long> seeds,
        DatasetLocator? locator = null,
        Action<long>? progress = null,
        bool withinTheorem = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("Give at least one seed.", nameof(seeds));
        }

        if (scenario.Model.Kind is not (ModelKind.Linear or ModelKind.Logistic))
        {
            throw HeterogeneityScenarios.NotConvex(scenario);
        }

        if (scenario.Stop is { ObjectiveError: null, TargetLoss: null, TargetAccuracy: null })
        {
            throw new ScenarioException(new ScenarioProblem(
                scenario.File,
                "$.stop",
                "the heterogeneity report compares uploads to a target, and the scenario has none",
                scenario.Model.Kind == ModelKind.Linear ? "add \"stop\": { \"objectiveError\": 1e-8 }" : "add \"stop\": { \"targetLoss\": ... }"));
        }

        var rows = new List<HeterogeneitySeedResult>(seeds.Count);
        RunPlan? first = null;
        foreach (var seed in seeds)
        {
            progress?.Invoke(seed);
            var cell = HeterogeneityScenarios.ForSeed(scenario, seed, withinTheorem);
            var plan = ScenarioPlanner.Plan(cell, locator);
            if (withinTheorem)
            {
                var (_, total) = Smoothness(cell, plan);
                plan = plan with { StepSize = LagTheorem.LargestStep(total, HeterogeneityScenarios.Xi(cell, "LAG-WK")) };
            }

            first ??= plan;
            var prediction = Predict(cell, plan);
            var results = ExperimentDriver.Run(plan);
            var measured = results.Select(r => Measure(plan, r)).ToList();
            rows.Add(new HeterogeneitySeedResult(seed, prediction, measured[0], measured[1], measured[2]));
        }

        return new HeterogeneityOutcome(
            scenario.Name,
            scenario.Model.Kind == ModelKind.Linear ? "linear" : "logistic",
            ReportTable.TargetText(first!),
            first!.Iterations,
            rows);
    }

    /// <summary>The predictions for <paramref name="plan"/>'s data, with the weights <paramref name="scenario"/> gives
    /// LAG-WK and LAG-PS.</summary>
    internal static HeterogeneityPrediction Predict(Scenario scenario, RunPlan plan)
    {
        var logistic = scenario.Model.Kind == ModelKind.Logistic;
        var (perWorker, total) = Smoothness(scenario, plan);
        var lagWk = HeterogeneityScenarios.Xi(scenario, "LAG-WK");
        var window = lagWk.Count;
        return new HeterogeneityPrediction(
            HeterogeneityScore.Compute(perWorker, total, plan.StepSize, lagWk),
            HeterogeneityScore.Compute(
                perWorker, total, 1 / total, logistic ? HeterogeneityScore.LogisticScriptXi(window) : HeterogeneityScore.LinearScriptXi(window)),
            HeterogeneityScore.Compute(perWorker, total, plan.StepSize, HeterogeneityScenarios.Xi(scenario, "LAG-PS")));
    }

    private static (IReadOnlyList<double> PerWorker, double Total) Smoothness(Scenario scenario, RunPlan plan) =>
        SmoothnessConstants.Compute(plan.WorkerData, scenario.Model.Kind == ModelKind.Logistic ? scenario.Model.Lambda : null);

    private static UploadsToTarget Measure(RunPlan plan, AlgorithmResult result)
    {
        var hit = ReportTable.FirstAtTarget(plan, result);
        return new UploadsToTarget(result.Label, hit?.Uploads, hit?.Iteration, result.StopReason);
    }
}
