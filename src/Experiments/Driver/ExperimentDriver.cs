using Sasg.Learning.Data;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Driver;

/// <summary>Runs every method of a <see cref="RunPlan"/>, one after another, each from the same initial model.</summary>
public static class ExperimentDriver
{
    /// <summary>Held while seeding TorchSharp and drawing a model's initial weights (the seed is process-wide).</summary>
    internal static readonly Lock ModelInitialisation = new();

    /// <summary>Runs the plan; <paramref name="traceFor"/> may give a trace sink per method label (null: no trace);
    /// <paramref name="progress"/> is told of every completed iteration.</summary>
    public static IReadOnlyList<AlgorithmResult> Run(
        RunPlan plan, Func<string, ITraceSink?>? traceFor = null, Action<RunProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Validate(plan);
        var results = new List<AlgorithmResult>(plan.Algorithms.Count);
        foreach (var spec in plan.Algorithms)
        {
            var trace = traceFor?.Invoke(spec.Label);
            results.Add(plan.DoublePrecision
                ? new AlgorithmRunner<double>(plan, spec, trace, progress).Run()
                : new AlgorithmRunner<float>(plan, spec, trace, progress).Run());
        }

        return results;
    }

    private static void Validate(RunPlan plan)
    {
        if (plan.WorkerData.Count != plan.Topology.WorkerCount)
        {
            throw new ArgumentException(
                $"The plan has data for {plan.WorkerData.Count} workers but a network of {plan.Topology.WorkerCount}.");
        }

        if (plan.WorkerData.Any(d => d.Count == 0))
        {
            throw new ArgumentException("Every worker needs at least one sample; use fewer workers or more data.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Iterations, 1, nameof(plan.Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.EvaluateEvery, 1, nameof(plan.EvaluateEvery));
        if (plan.Algorithms.Count == 0)
        {
            throw new ArgumentException("The plan names no algorithm.");
        }

        var duplicate = plan.Algorithms.GroupBy(a => a.Label, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two algorithms share the label '{duplicate.Key}'; give each a distinct label.");
        }
    }

    /// <summary>The union of the workers' data, for the training-loss evaluation.</summary>
    internal static Dataset Union(IReadOnlyList<Dataset> parts)
    {
        var first = parts[0];
        var features = parts.SelectMany(p => p.Features).ToArray();
        var labels = first.Labels is null ? null : parts.SelectMany(p => p.Labels!).ToArray();
        var targets = first.Targets is null ? null : parts.SelectMany(p => p.Targets!).ToArray();
        return new Dataset("train", parts.Sum(p => p.Count), first.SampleShape, features, labels, first.ClassCount, targets);
    }
}
