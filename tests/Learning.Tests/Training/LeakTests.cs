using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

/// <summary>Native tensors do not pile up across training steps.</summary>
[NonParallelizable]
public sealed class LeakTests
{
    [TestCase(true, TestName = "TrainingSteps_AnalyticGradient_KeepTheNumberOfLiveTensorsFlat")]
    [TestCase(false, TestName = "TrainingSteps_Autograd_KeepTheNumberOfLiveTensorsFlat")]
    public void TrainingSteps_KeepTheNumberOfLiveTensorsFlat(bool analytic)
    {
        var count = 200;
        var random = new Random(11);
        var features = Enumerable.Range(0, count * 20).Select(_ => random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
        var dataset = new Dataset("leak", count, [20], features, labels, 3, null);
        using var data = new TensorData(dataset, ScalarType.Float32, TargetKind.ClassLabels);
        using var model = new FlatModel<float>(new Mlp([20, 16, 3]), analytic);
        using var sampler = new MinibatchSampler(data, 10, seed: 1);
        var other = new float[model.Length];

        void Step()
        {
            using var scope = NewDisposeScope();
            var batch = sampler.Next();
            model.ComputeGradient(batch);
            model.ComputeGradientAt(model.Parameters.ToArray(), batch, other);
            model.Loss(batch);
        }

        for (var i = 0; i < 50; i++)
        {
            Step();
        }

        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 500; i++)
        {
            Step();
        }

        var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.That(after - before, Is.LessThanOrEqualTo(2), "live tensors grew across 500 steps (a per-step leak)");
    }
}
