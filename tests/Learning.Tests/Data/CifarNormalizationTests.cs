using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Data;

public sealed class CifarNormalizationTests
{
    [Test]
    public void Cifar10InPlace_UsesEachChannelsMeanAndDivisor()
    {
        var features = new double[2 * 3072];
        Array.Fill(features, 0.5);
        var data = new Dataset("c", 2, [3, 32, 32], features, [0, 1], 10, null);

        var normalized = CifarNormalization.Cifar10InPlace(data);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(normalized, Is.SameAs(data));
            Assert.That(data.Row(1)[5], Is.EqualTo((0.5 - 0.4914) / 0.2023));
            Assert.That(data.Row(1)[1024 + 5], Is.EqualTo((0.5 - 0.4822) / 0.1994));
            Assert.That(data.Row(0)[2048 + 1023], Is.EqualTo((0.5 - 0.4465) / 0.2010));
        }
    }

    [Test]
    public void Cifar100InPlace_DividesByTheMeans_AsTheSasgAuthorsCodeDoes()
    {
        var data = new Dataset("c", 1, [3072], Enumerable.Repeat(1.0, 3072).ToArray(), [0], 100, null);

        CifarNormalization.Cifar100InPlace(data);

        Assert.That(data.Row(0)[2048], Is.EqualTo((1 - 0.4409178433670343) / 0.4409178433670343));
    }

    [Test]
    public void PerChannelInPlace_RejectsFeaturesThatDoNotSplitIntoChannels()
    {
        var data = new Dataset("c", 1, [784], new double[784], [0], 10, null);

        Assert.That(
            () => CifarNormalization.Cifar10InPlace(data),
            Throws.ArgumentException.With.Message.Contains("are not images of 3 channels"));
    }
}
