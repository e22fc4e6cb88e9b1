using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Experiments.Driver;

/// <summary>A plan's data as tensors, made once for every method of a run: each worker's shard, the training-loss
/// set and the test set.</summary>
/// <remarks>The methods only read them (minibatches are gathered copies, evaluations read views), so methods that run
/// side by side share one copy instead of converting 60,000 images each. Made by the first method that asks, under a
/// lock; disposed by the driver when every method is done.</remarks>
internal sealed class RunTensors(RunPlan plan) : IDisposable
{
    private readonly Lock _lock = new();
    private Made? _made;

    /// <summary>The tensors in <paramref name="dtype"/> for a model of <paramref name="targetKind"/> (every method of a
    /// plan has the same).</summary>
    public (IReadOnlyList<TensorData> Workers, TensorData TrainSet, TensorData? TestSet) For(ScalarType dtype, TargetKind targetKind)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_made is { Disposed: true }, this);
            if (_made is null)
            {
                var workers = plan.WorkerData.Select(d => new TensorData(d, dtype, targetKind)).ToList();
                var train = new TensorData(plan.TrainEvaluationData ?? ExperimentDriver.Union(plan.WorkerData), dtype, targetKind);
                var test = plan.TestData is null ? null : new TensorData(plan.TestData, dtype, targetKind);
                _made = new Made(dtype, targetKind, workers, train, test);
            }
            else if (_made.DType != dtype || _made.TargetKind != targetKind)
            {
                throw new InvalidOperationException("Every method of a run must use the same dtype and kind of targets.");
            }

            return (_made.Workers, _made.TrainSet, _made.TestSet);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_made is null || _made.Disposed)
            {
                return;
            }

            _made.Disposed = true;
            _made.Workers.ForEach(d => d.Dispose());
            _made.TrainSet.Dispose();
            _made.TestSet?.Dispose();
        }
    }

    private sealed record Made(ScalarType DType, TargetKind TargetKind, List<TensorData> Workers, TensorData TrainSet, TensorData? TestSet)
    {
        public bool Disposed { get; set; }
    }
}
