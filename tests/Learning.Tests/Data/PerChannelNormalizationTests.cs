using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Data;

public sealed class PerChannelNormalizationTests
{
    [Test]
    public void PerChannelInPlace_UsesEachChannelsMeanAndDeviation()
    {
        // Two samples [3, 1, 2]: channel c holds two values of each sample.
        var data = new Dataset("rgb", 2, [3, 1, 2], [1, 3, 2, 4, 5, 9, 0, 1, 2, 3, 4, 5], [0, 1], 2, null);

        Normalization.PerChannelInPlace(data, [1, 2, 3], [2, 4, 1]);

        Assert.That(data.Features, Is.EqualTo(new[] { 0, 1, 0, 0.5, 2, 6, -0.5, 0, 0, 0.25, 1, 2 }));
    }

    [Test]
    public void PerChannelInPlace_TakesFlatSamplesChannelAfterChannel()
    {
        var data = new Dataset("flat", 1, [6], [1, 1, 2, 2, 3, 3], [0], 2, null);

        Normalization.PerChannelInPlace(data, [1, 2, 3], [1, 1, 1]);

        Assert.That(data.Features, Is.All.EqualTo(0.0));
    }

    [TestCase(new[] { 1, 28, 28 })]
    [TestCase(new[] { 784 })]
    public void PerChannelInPlace_RejectsSamplesWithoutThreeChannels(int[] shape)
    {
        var data = new Dataset("gray", 1, shape, new double[784], [0], 2, null);

        Assert.That(
            () => Normalization.PerChannelInPlace(data, Normalization.Cifar10Mean, Normalization.Cifar10StandardDeviation),
            Throws.ArgumentException.With.Message.Contains("not images of 3 channels"));
    }

    [Test]
    public void CifarConstants_AreTheTrainingSetStatistics_RoundedToFourPlaces()
    {
        using (Assert.EnterMultipleScope())
        {
            // The full-precision values of akamaster/pytorch_resnet_cifar10 issue 9 and weiaicunzai/pytorch-cifar100.
            Assert.That(Normalization.Cifar10Mean, Is.EqualTo(new[] { 0.49139968, 0.48215841, 0.44653091 }).Within(5e-5));
            Assert.That(Normalization.Cifar10StandardDeviation, Is.EqualTo(new[] { 0.24703223, 0.24348513, 0.26158784 }).Within(5e-5));
            Assert.That(Normalization.Cifar100Mean, Is.EqualTo(new[] { 0.50707516, 0.48654887, 0.44091784 }).Within(5e-5));
            Assert.That(Normalization.Cifar100StandardDeviation, Is.EqualTo(new[] { 0.26733429, 0.25643846, 0.27615047 }).Within(5e-5));
        }
    }
}
