using Sasg.Learning.Models;
using Sasg.Learning.Runtime;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>Loss and accuracy of a model on a dataset at its current parameters.</summary>
/// <param name="Loss">The model's loss over the whole dataset: a sum for summed losses (LAG), the mean for mean ones.</param>
/// <param name="Accuracy">The fraction classified correctly (sign agreement for -1/+1 targets); NaN for regression.</param>
/// <param name="TopKAccuracy">The top-k accuracy (<see cref="TopK"/>) when it was asked for, else NaN.</param>
public readonly record struct Evaluation(double Loss, double Accuracy, double TopKAccuracy = double.NaN)
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="data"/> in chunks of <paramref name="chunk"/> samples;
    /// with <paramref name="topK"/> above 0 (class-label models only) also the top-<paramref name="topK"/> accuracy.</summary>
    /// <remarks>The model runs in evaluation mode (batch norm by its running statistics, which stay as they are) and
    /// is back in its former mode afterwards. Mean losses (cross-entropy) are averaged with chunk weights. Summed losses are evaluated in one chunk,
    /// because their regulariser is added once per call and must not be counted once per chunk.</remarks>
    public static Evaluation Of(SupervisedModel model, TensorData data, bool lossIsMean, int chunk = 2_000, int topK = 0)
    {
        if (!lossIsMean)
        {
            chunk = Math.Max(1, data?.Count ?? 1);
        }

        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        using var noGrad = no_grad();
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var withTopK = topK > 0 && model.TargetKind == TargetKind.ClassLabels;
        using var mode = EvaluationMode.Of(model);
        double loss = 0;
        long correct = 0;
        long correctTopK = 0;
        for (var start = 0; start < data.Count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(chunk, data.Count - start);
            var x = data.Features.narrow(0, start, size);
            var y = data.Targets.narrow(0, start, size);
            var output = model.call(x);
            var chunkLoss = TensorScalars.ToDouble(model.Loss(output, y));
            loss += lossIsMean ? chunkLoss * size / data.Count : chunkLoss;
            if (model.TargetKind == TargetKind.ClassLabels)
            {
                correct += TensorScalars.ToInt64(output.argmax(1).eq(y).sum());
                if (withTopK)
                {
                    correctTopK += TopK.Correct(output, y, topK);
                }
            }
            else if (data.ClassCount == 0 && IsSignTargets(y))
            {
                correct += TensorScalars.ToInt64(output.sign().eq(y).sum());
            }
        }

        var accuracy = model.TargetKind == TargetKind.ClassLabels || IsSignTargets(data.Targets)
            ? correct / (double)data.Count
            : double.NaN;
        return new Evaluation(loss, accuracy, withTopK ? correctTopK / (double)data.Count : double.NaN);
    }

    private static bool IsSignTargets(Tensor targets)
    {
        using var scope = NewDisposeScope();
        return TensorScalars.ToBoolean(TensorScalars.EqualTo(targets.abs(), 1).all());
    }
}
