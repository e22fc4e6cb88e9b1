using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using static TorchSharp.torch;

namespace Sasg.Experiments.Driver;

/// <summary>Runs GD, LAG-WK and LAG-PS on the LAG synthetic problem with real float64 TorchSharp gradients, each
/// iteration a simulated parameter-server round on a star network.</summary>
public static class ConvexRun
{
    /// <summary>Every method in <see cref="ConvexRunOptions.Algorithms"/>, in order.</summary>
    /// <exception cref="ArgumentException">An unknown method name; the message lists the known ones.</exception>
    public static IReadOnlyList<ConvexRunResult> Execute(ConvexRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workers = LagSyntheticProblem.CreateWorkers(options.Problem);
        var (perWorker, total) = SmoothnessConstants.Compute(workers, logisticLambda: null);
        var optimum = LeastSquaresOptimum.Compute(workers).Value;
        return options.Algorithms.Select(name => RunOne(name, options, workers, perWorker, total, optimum)).ToList();
    }

    /// <summary>The method names <see cref="Execute"/> accepts.</summary>
    public static IReadOnlyList<string> KnownAlgorithms { get; } = ["GD", "LAG-WK", "LAG-PS"];

    private static ConvexRunResult RunOne(
        string name,
        ConvexRunOptions options,
        IReadOnlyList<Dataset> workers,
        IReadOnlyList<double> perWorker,
        double total,
        double optimum)
    {
        var m = workers.Count;
        var d = workers[0].FeatureCount;
        var initial = new double[d];
        var stepSize = 1.0 / total;
        DistributedAlgorithm<double> algorithm = name.ToUpperInvariant() switch
        {
            "GD" => new GradientDescentAlgorithm<double>("GD", m, initial, stepSize),
            "LAG-WK" => new LagWkAlgorithm<double>(m, initial, stepSize),
            "LAG-PS" => new LagPsAlgorithm<double>(m, initial, stepSize, perWorker),
            _ => throw new ArgumentException(
                $"Unknown algorithm '{name}' for the convex run; known: {string.Join(", ", KnownAlgorithms)}.", nameof(options)),
        };

        using var model = new FlatModel<double>(new LinearRegression(d));
        var state = new ModelState<double>(model);
        var data = workers.Select(w => new TensorData(w, ScalarType.Float64, TargetKind.RealTargets)).ToList();
        var sources = data.Select(t => new ModelGradientSource<double>(state, t, sampler: null)).ToList();
        try
        {
            var trainer = new SynchronousTrainer<double>(algorithm, sources, new DenseFloat64Encoding());
            var plan = new LearningRoundPlan<double>(trainer, options.CostPerEvaluation, evaluationsPerStep: 1);
            var topology = StarTopology.Homogeneous(m, options.Uplink, options.Uplink, options.Uplink.Bandwidth);
            var network = new ParameterServerRound(
                topology,
                ComputeModel.Uniform(m),
                new ParameterServerOptions { Ingress = options.Ingress, ModelSize = DataSize.FromBytes(8L * d) });

            var now = SimTime.Zero;
            var error = Error(sources, algorithm.Theta, optimum);
            var iterations = 0;
            while (iterations < options.MaxIterations && !(error < options.Tolerance))
            {
                now = network.RunRound(iterations, now, plan).End;
                trainer.FinishIteration();
                iterations++;
                error = Error(sources, algorithm.Theta, optimum);
                if (!double.IsFinite(error))
                {
                    break;
                }
            }

            return new ConvexRunResult(
                algorithm.Name,
                iterations,
                trainer.Uploads,
                trainer.UploadBytes,
                trainer.PaperBits,
                now.TotalSeconds,
                error,
                error < options.Tolerance);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
            data.ForEach(t => t.Dispose());
        }
    }

    private static double Error(IReadOnlyList<ModelGradientSource<double>> sources, double[] theta, double optimum)
    {
        double value = 0;
        foreach (var source in sources)
        {
            value += source.FullLoss(theta, -1);
        }

        return Math.Abs(value - optimum);
    }
}
