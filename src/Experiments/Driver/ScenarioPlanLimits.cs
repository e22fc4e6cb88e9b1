using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Partitioning;

namespace Sasg.Experiments.Driver;

/// <summary>The planner's checks that a scenario can run on its data (docs/scenario-format.md, "Limits"): each turns
/// a run that could not start, or would exhaust memory first, into one problem naming the field.</summary>
internal static class ScenarioPlanLimits
{
    // Epochs become iterations: the largest shard's batches per epoch times the epochs, which must fit an int.
    public static int IterationsOf(Scenario scenario, IReadOnlyList<Dataset> workers, int? batch)
    {
        var largest = workers.Max(w => w.Count);
        var perEpoch = Math.Ceiling(largest / (double)(batch ?? largest));
        var iterations = Math.Ceiling(scenario.Training.Epochs!.Value * perEpoch);
        if (iterations > int.MaxValue)
        {
            throw Problem(
                scenario,
                "$.training.epochs",
                $"{scenario.Training.Epochs.Value.ToString(CultureInfo.InvariantCulture)} epochs of {perEpoch.ToString(CultureInfo.InvariantCulture)} iterations are more than {int.MaxValue} iterations",
                "write fewer epochs");
        }

        return (int)iterations;
    }

    // The parameter count from the architecture alone, checked before the model (and its per-worker copies) is built.
    public static void CheckModelSize(Scenario scenario, int features, int classes)
    {
        var model = scenario.Model;
        var outputs = Math.Max(classes, 2);
        double count = model.Kind switch
        {
            ModelKind.Linear or ModelKind.Logistic => features + 1.0,
            ModelKind.Softmax => (features + 1.0) * outputs,
            ModelKind.Mlp => ((IEnumerable<int>)[features, .. model.Hidden, outputs])
                .Zip(((IEnumerable<int>)[.. model.Hidden, outputs]), (a, b) => (a + 1.0) * b).Sum(),
            _ => 0,
        };
        if (count > ScenarioLimits.MaxParameters)
        {
            throw Problem(
                scenario,
                model.Kind == ModelKind.Mlp ? "$.model.hidden" : "$.model.kind",
                $"the model would have {count.ToString("N0", CultureInfo.InvariantCulture)} parameters for {features} features and {outputs} outputs, more than the {ScenarioLimits.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)} allowed",
                model.Kind == ModelKind.Mlp ? "write narrower hidden layers" : "use fewer features");
        }
    }

    // One step's compute time (cost per sample x samples x evaluations) must fit the simulator's nanosecond clock.
    public static void CheckComputeCost(Scenario scenario, IReadOnlyList<Dataset> workers, int iterations)
    {
        var samples = scenario.Training.BatchSize ?? workers.Max(w => w.Count);
        if ((double)scenario.Compute.CostPerSample.Nanoseconds * samples * 2 * iterations > long.MaxValue)
        {
            throw Problem(
                scenario,
                "$.compute.costPerSample",
                $"{Units.FormatDuration(scenario.Compute.CostPerSample)} per sample x {samples} samples per step over the run is beyond the simulator's clock (292 years)",
                "write a smaller cost per sample, a smaller batch or fewer iterations");
        }
    }

    // Splits the data among the workers; a dataset too small for them (tooSmall, checked before any split) or a
    // partition the data cannot satisfy (the partitioner's ArgumentException) is the scenario's problem, not a bug.
    public static Partition Split(Scenario scenario, string partitionPath, Dataset? tooSmall, int workers, Func<Partition> split)
    {
        if (tooSmall is not null)
        {
            var path = partitionPath == "$.data.workersPerSet" ? partitionPath : "$.data.workers";
            throw Problem(
                scenario,
                path,
                $"{workers} workers share '{tooSmall.Name}', which has {tooSmall.Count} samples; every worker needs at least one",
                $"write at most {tooSmall.Count} workers" + (scenario.Data.Images is not null ? " or raise data.trainSamples" : string.Empty));
        }

        try
        {
            return split();
        }
        catch (ArgumentException ex)
        {
            throw Problem(scenario, partitionPath, ex.Message.Split(" (Parameter")[0].TrimEnd('.'), "change data.partition or data.workers");
        }
    }

    private static ScenarioException Problem(Scenario scenario, string path, string problem, string fix) =>
        new(new ScenarioProblem(scenario.File, path, problem, fix));
}
