using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Data;

public sealed class CifarShapeTests
{
    private static Dataset Grey(IReadOnlyList<int> shape, int count = 2)
    {
        var features = new double[count * 784];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (i + 1) / 10_000.0;
        }

        return new Dataset("grey", count, shape, features, Enumerable.Range(3, count).ToArray(), 10, null);
    }

    [Test]
    public void PadGreyTo3x32x32_PutsEveryPixelTwoRowsDownAndTwoColumnsRight_InThreeEqualChannels_WithABlackBorder()
    {
        var grey = Grey([1, 28, 28]);

        var padded = CifarShape.PadGreyTo3x32x32(grey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(padded.SampleShape, Is.EqualTo(new[] { 3, 32, 32 }));
            Assert.That(padded.Labels, Is.EqualTo(new[] { 3, 4 }));
            for (var s = 0; s < 2; s++)
            {
                var row = padded.Row(s);
                for (var c = 0; c < 3; c++)
                {
                    for (var y = 0; y < 32; y++)
                    {
                        for (var x = 0; x < 32; x++)
                        {
                            var inside = y is >= 2 and < 30 && x is >= 2 and < 30;
                            var expected = inside ? grey.Row(s)[((y - 2) * 28) + (x - 2)] : 0.0;
                            if (row[(c * 1024) + (y * 32) + x] != expected)
                            {
                                Assert.Fail($"sample {s}, channel {c}, ({y}, {x}): {row[(c * 1024) + (y * 32) + x]}, expected {expected}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Test]
    public void PadGreyTo3x32x32_OfAFlatImage_IsFlatWithTheSameValues()
    {
        var flat = CifarShape.PadGreyTo3x32x32(Grey([784], count: 1));
        var shaped = CifarShape.PadGreyTo3x32x32(Grey([1, 28, 28], count: 1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(flat.SampleShape, Is.EqualTo(new[] { 3072 }));
            Assert.That(flat.Features, Is.EqualTo(shaped.Features));

            // The first pixel of the image lands at (row 2, column 2) of each plane; the last at (29, 29).
            Assert.That(flat.Features[(2 * 32) + 2], Is.EqualTo(1 / 10_000.0));
            Assert.That(flat.Features[2048 + (29 * 32) + 29], Is.EqualTo(784 / 10_000.0));
        }
    }

    [Test]
    public void PadGreyTo3x32x32_RejectsImagesThatAreNot28By28Grey()
    {
        var colour = new Dataset("c", 1, [3, 16, 16], new double[768], [0], 10, null);

        Assert.That(() => CifarShape.PadGreyTo3x32x32(colour), Throws.ArgumentException.With.Message.Contains("not 28x28 grey images"));
    }
}
