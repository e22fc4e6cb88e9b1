using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Crop-flip augmentation in a whole run: byte-identical when repeated, and it changes the training.</summary>
[NonParallelizable]
public sealed class AugmentationRunTests
{
    [Test]
    public void CropFlipRun_IsIdenticalWhenRepeated_AndDiffersFromTheRunWithout()
    {
        var plain = ImagePlan();
        var augmented = plain with { Augmentation = TrainingAugmentation.CropFlip, AugmentationFill = [-0.5] };

        var first = ExperimentDriver.Run(augmented).Single();
        var second = ExperimentDriver.Run(augmented).Single();
        var without = ExperimentDriver.Run(plain).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Metrics, Is.EqualTo(first.Metrics));
            Assert.That(first.Metrics[0], Is.EqualTo(without.Metrics[0]), "the same start: evaluation is never augmented");
            Assert.That(first.Metrics[^1].TrainLoss, Is.Not.EqualTo(without.Metrics[^1].TrainLoss), "the minibatches were augmented");
        }
    }

    [Test]
    public void Validate_RefusesCropFlipOnFlatSamples()
    {
        var plan = TinyPlans.Stochastic("SGD") with { Augmentation = TrainingAugmentation.CropFlip };

        Assert.That(() => ExperimentDriver.Validate(plan), Throws.ArgumentException.With.Message.Contains("[C, H, W]"));
    }

    // Two workers of 12 random 28x28 one-channel images in 3 classes, the LASG CNN, SGD with minibatches of 4.
    private static RunPlan ImagePlan()
    {
        var random = new Random(5);
        Dataset Make(string name, int count) => new(
            name,
            count,
            [1, 28, 28],
            [.. Enumerable.Range(0, count * 784).Select(_ => random.NextDouble())],
            [.. Enumerable.Range(0, count).Select(i => i % 3)],
            3,
            null);

        var tiny = TinyPlans.Stochastic("SGD");
        return tiny with
        {
            Name = "tiny-images",
            WorkerData = [Make("w0", 12), Make("w1", 12)],
            TestData = Make("test", 6),
            CreateModel = () => new SmallCnn(3),
            Iterations = 4,
            BatchSize = 4,
            EvaluateEvery = 2,
            Topology = Sasg.NetSim.Network.StarTopology.Homogeneous(2, tiny.Topology.Uplinks[0]),
            CreateCompute = () => Sasg.NetSim.Network.ComputeModel.Uniform(2, Sasg.NetSim.Network.StragglerNoise.None, seed: 1),
        };
    }
}
