using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>The LAG synthetic problem with full-batch float64 gradients from TorchSharp, for algorithm tests.</summary>
internal sealed class ConvexHarness : IDisposable
{
    private readonly List<TensorData> _data;
    private readonly List<ModelGradientSource<double>> _sources;

    public ConvexHarness(double growth, long seed = 1)
    {
        Workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Base: growth, Seed: seed));
        (PerWorkerSmoothness, TotalSmoothness) = SmoothnessConstants.Compute(Workers, logisticLambda: null);
        Optimum = LeastSquaresOptimum.Compute(Workers).Value;
        State = new ModelState<double>(new FlatModel<double>(new LinearRegression(50)));
        _data = Workers.Select(w => new TensorData(w, ScalarType.Float64, TargetKind.RealTargets)).ToList();
        _sources = _data.Select(d => new ModelGradientSource<double>(State, d, sampler: null)).ToList();
    }

    public IReadOnlyList<Dataset> Workers { get; }

    public IReadOnlyList<double> PerWorkerSmoothness { get; }

    public double TotalSmoothness { get; }

    public double Optimum { get; }

    public ModelState<double> State { get; }

    public double StepSize => 1.0 / TotalSmoothness;

    public static double[] Initial => new double[50];

    public SynchronousTrainer<double> Trainer(DistributedAlgorithm<double> algorithm, IWireEncoding? encoding = null) =>
        new(algorithm, _sources, encoding ?? new DenseFloat64Encoding());

    public double Objective(ReadOnlySpan<double> theta)
    {
        double total = 0;
        foreach (var source in _sources)
        {
            total += source.FullLoss(theta, -1);
        }

        return total;
    }

    /// <summary>Runs until |f - f*| &lt; tolerance or the budget ends; returns (iterations, uploads) or null.</summary>
    public (int Iterations, long Uploads)? RunToAccuracy(SynchronousTrainer<double> trainer, double tolerance, int budget)
    {
        for (var k = 0; k < budget; k++)
        {
            if (Math.Abs(Objective(trainer.Algorithm.Theta) - Optimum) < tolerance)
            {
                return (k, trainer.Uploads);
            }

            trainer.RunIteration();
        }

        return null;
    }

    public void Dispose()
    {
        _sources.ForEach(s => s.Dispose());
        _data.ForEach(d => d.Dispose());
        State.Model.Dispose();
    }
}
