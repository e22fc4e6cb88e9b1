using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

[NonParallelizable]
public sealed class SmallCnnTests
{
    [Test]
    public void Parameters_AreTheFourLayersOfTheLasgCnn()
    {
        using var model = new FlatModel<float>(new SmallCnn());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                model.Blocks.Select(b => b.Name),
                Is.EqualTo(new[]
                {
                    "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                    "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
                }));
            Assert.That(
                model.Blocks.Select(b => b.Length),
                Is.EqualTo(new[] { 20 * 25, 20, 50 * 20 * 25, 50, 800 * 500, 500, 500 * 10, 10 }));
            Assert.That(model.Length, Is.EqualTo(431_080));
        }
    }

    [Test]
    public void Forward_OnOneChannel28x28Images_GivesOneLogitPerClass()
    {
        using var model = new SmallCnn(classes: 10);
        using var scope = NewDisposeScope();
        var images = zeros(3, 1, 28, 28);

        var output = model.call(images);

        Assert.That(output.shape, Is.EqualTo(new long[] { 3, 10 }));
    }
}
