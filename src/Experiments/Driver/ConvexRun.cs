using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>The LAG synthetic least-squares comparison (the README's main job) as a <see cref="RunPlan"/>, with real
/// float64 TorchSharp gradients and each iteration a simulated parameter-server round.</summary>
public static class ConvexRun
{
    /// <summary>The method names <see cref="Execute"/> accepts.</summary>
    public static IReadOnlyList<string> KnownAlgorithms { get; } = ["GD", "LAG-WK", "LAG-PS"];

    /// <summary>The plan for <paramref name="options"/>: alpha = 1/L, f* in closed form, full-batch gradients.</summary>
    public static RunPlan Plan(ConvexRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in options.Algorithms)
        {
            if (!KnownAlgorithms.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Unknown algorithm '{name}' for the convex run; known: {string.Join(", ", KnownAlgorithms)}.", nameof(options));
            }
        }

        var workers = LagSyntheticProblem.CreateWorkers(options.Problem);
        var (perWorker, total) = SmoothnessConstants.Compute(workers, logisticLambda: null);
        var features = workers[0].FeatureCount;
        var m = workers.Count;
        var costPerSample = Sasg.NetSim.Kernel.SimTime.FromNanoseconds(options.CostPerEvaluation.Nanoseconds / options.Problem.Samples);
        return new RunPlan
        {
            Name = "lag-synthetic",
            Seed = options.Problem.Seed,
            WorkerData = workers,
            CreateModel = () => new LinearRegression(features),
            DoublePrecision = true,
            Algorithms = options.Algorithms.Select(AlgorithmSpec.Of).ToList(),
            Iterations = options.MaxIterations,
            StepSize = 1.0 / total,
            Smoothness = perWorker,
            Optimum = LeastSquaresOptimum.Compute(workers).Value,
            ObjectiveTolerance = options.Tolerance,
            Topology = StarTopology.Homogeneous(m, options.Uplink, options.Uplink, options.Uplink.Bandwidth),
            Network = new ParameterServerOptions { Ingress = options.Ingress, ModelSize = DataSize.FromBytes(8L * features) },
            CreateCompute = () => ComputeModel.Uniform(m),
            CostPerSample = costPerSample,
        };
    }

    /// <summary>Every method in <see cref="ConvexRunOptions.Algorithms"/>, in order.</summary>
    /// <exception cref="ArgumentException">An unknown method name; the message lists the known ones.</exception>
    public static IReadOnlyList<ConvexRunResult> Execute(ConvexRunOptions options)
    {
        var plan = Plan(options);
        return ExperimentDriver.Run(plan)
            .Select(r => new ConvexRunResult(
                r.Label,
                r.Iterations,
                r.Uploads,
                r.UploadBytes,
                r.PaperBits,
                r.SimulatedSeconds,
                r.Final.ObjectiveError,
                r.StopReason == "objective"))
            .ToList();
    }
}
