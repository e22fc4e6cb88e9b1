using System.Numerics;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Training;
using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Driver;

/// <summary>One method's evaluation points: the losses and accuracies at the server's model, recorded as a metrics row
/// with the method's totals so far, and the stop rule they trigger (divergence, objective, target accuracy or loss).</summary>
internal sealed class MethodEvaluator<T>(
    RunPlan plan, AlgorithmSpec spec, MethodRecord record, IReadOnlyList<ModelGradientSource<T>> sources, ModelState<T> state)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Parameters larger than this in magnitude mean the run has diverged even if the loss is still finite.
    private const double ExplodedParameter = 1e12;

    /// <summary>Evaluates <paramref name="algorithm"/>'s model at <paramref name="now"/>, records the row, and returns
    /// why the method stops ("diverged", "objective", "accuracy", "loss") or null.</summary>
    public string? Evaluate(
        DistributedAlgorithm<T> algorithm, MethodTotals totals, TensorData trainSet, TensorData? testSet, SimTime now)
    {
        var theta = algorithm.Theta;
        state.Load(theta, -1);
        var topK = plan.ReportTop5 ? 5 : 0;
        var train = Evaluation.Of(state.Model.Model, trainSet, plan.LossIsMean, topK: testSet is null ? topK : 0);
        if (plan.BatchSize is null || plan.Optimum is not null)
        {
            // Full-batch runs, and every run whose f* is known, report the papers' objective sum_m f_m, in which every
            // worker carries its own regulariser (the LAG code adds lambda * theta on each worker): f* is the minimum
            // of that sum, so the objective error must be measured on it, minibatches or not.
            train = train with { Loss = sources.Sum(s => s.FullLoss(theta, -1)) };
        }

        var test = testSet is null ? (Evaluation?)null : Evaluation.Of(state.Model.Model, testSet, plan.LossIsMean, topK: topK);
        state.Invalidate();
        var error = plan.Optimum is { } optimum ? Math.Abs(train.Loss - optimum) : double.NaN;
        var accuracy = test?.Accuracy ?? train.Accuracy;
        var top5 = test?.TopKAccuracy ?? train.TopKAccuracy;
        var row = new MetricsRow(
            spec.Label,
            algorithm.Iteration,
            totals.Uploads,
            totals.UploadBytes,
            totals.PaperBits,
            now.TotalSeconds,
            train.Loss,
            test?.Loss ?? double.NaN,
            accuracy,
            error,
            totals.CountedUploads,
            totals.Control.Requests,
            totals.Control.RequestBytes,
            totals.Control.SkipNotices,
            totals.Control.SkipNoticeBytes,
            top5);
        record.AddMetrics(row with { CarriedBytes = totals.CarriedBytes });

        if (!double.IsFinite(train.Loss) || Exploded(theta))
        {
            return "diverged";
        }

        if (plan.ObjectiveTolerance is { } tolerance && error < tolerance)
        {
            return "objective";
        }

        if (!plan.StopAtTarget)
        {
            return null;
        }

        var targetMetric = plan.TargetAccuracyMetric == Scenarios.AccuracyMetric.Top5 ? top5 : accuracy;
        if (plan.TargetAccuracy is { } target && targetMetric >= target)
        {
            return "accuracy";
        }

        return plan.TargetLoss is { } loss && train.Loss <= loss ? "loss" : null;
    }

    private static bool Exploded(ReadOnlySpan<T> theta)
    {
        foreach (var value in theta)
        {
            if (!T.IsFinite(value) || double.CreateTruncating(T.Abs(value)) > ExplodedParameter)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A method's totals so far, as a metrics row reports them.</summary>
/// <param name="Uploads">Uploads.</param>
/// <param name="UploadBytes">Encoded upload bytes.</param>
/// <param name="PaperBits">Bits as the papers count them.</param>
/// <param name="CountedUploads">Uploads as the authors' code counts them.</param>
/// <param name="Control">Requests and skip notices.</param>
/// <param name="CarriedBytes">Payload bytes carried over every hop (off the star; 0 on it).</param>
internal readonly record struct MethodTotals(long Uploads, long UploadBytes, long PaperBits, long CountedUploads, ControlMessages Control, long CarriedBytes = 0);
