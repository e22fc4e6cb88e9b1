using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

public sealed class VectorMathTests
{
    [TestCase(37)]
    [TestCase(1_000)]
    public void ScaleFromZero_HasTheBitsOfAddScaledIntoAClearedVector_Float32(int length)
    {
        var x = Specials(length, float.NegativeZero, float.NaN, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC12345)),
            float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, 0f,
            i => (float)Math.Sin(i) * 1e-3f);
        foreach (var alpha in new[] { 0.005f, -0.5f, 0f, -0f, 1e30f })
        {
            var expected = new float[length];
            VectorMath.AddScaled<float>(expected, alpha, x);
            var actual = Enumerable.Repeat(float.NaN, length).ToArray();
            VectorMath.ScaleFromZero<float>(actual, alpha, x);

            Assert.That(actual.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)), $"alpha {alpha}");
        }
    }

    [Test]
    public void ScaleFromZero_HasTheBitsOfAddScaledIntoAClearedVector_Float64()
    {
        var x = Specials(29, double.NegativeZero, double.NaN, BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000012345)),
            double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, 0d, i => Math.Cos(i));
        var expected = new double[x.Length];
        VectorMath.AddScaled<double>(expected, 0.25, x);
        var actual = new double[x.Length];
        VectorMath.ScaleFromZero<double>(actual, 0.25, x);

        Assert.That(actual.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected.Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void ScaleFromZero_MakesANegativeZeroProductPositive_AsAddingItToZeroDoes()
    {
        var x = Enumerable.Repeat(float.NegativeZero, 20).ToArray();
        var actual = new float[20];

        VectorMath.ScaleFromZero<float>(actual, 2f, x);

        Assert.That(actual.Select(BitConverter.SingleToInt32Bits), Is.All.Zero, "+0, not -0, in the vector lanes and the tail");
    }

    private static T[] Specials<T>(int length, T negativeZero, T nan, T nanWithPayload, T infinity, T negativeInfinity, T tiny, T negativeTiny,
        T max, T zero, Func<int, T> ordinary)
    {
        T[] specials = [negativeZero, nan, nanWithPayload, infinity, negativeInfinity, tiny, negativeTiny, max, zero];
        return Enumerable.Range(0, length).Select(i => i % 3 == 0 ? specials[(i / 3) % specials.Length] : ordinary(i)).ToArray();
    }
}
