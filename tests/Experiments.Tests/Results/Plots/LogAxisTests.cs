using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class LogAxisTests
{
    [TestCase(new[] { 1.0, 999.0 }, false, TestName = "SpansMoreThan_UnderThreeDecades_IsFalse")]
    [TestCase(new[] { 1e-8, 250.0 }, true, TestName = "SpansMoreThan_TenDecades_IsTrue")]
    [TestCase(new[] { 0.0, 1e-9, 250.0 }, false, TestName = "SpansMoreThan_WithAZero_IsFalse")]
    [TestCase(new[] { -1.0, 1e-9, 250.0 }, false, TestName = "SpansMoreThan_WithANegativeValue_IsFalse")]
    [TestCase(new[] { double.NaN, 1e-9, 250.0, double.PositiveInfinity }, true, TestName = "SpansMoreThan_IgnoresNonFiniteValues")]
    [TestCase(new[] { double.NaN }, false, TestName = "SpansMoreThan_WithNoFiniteValue_IsFalse")]
    public void SpansMoreThan(double[] values, bool expected)
    {
        Assert.That(LogAxis.SpansMoreThan(values, LogAxis.WideDecades), Is.EqualTo(expected));
    }

    [TestCase(-8, "1e-8")]
    [TestCase(-3, "0.001")]
    [TestCase(0, "1")]
    [TestCase(3, "1000")]
    [TestCase(5, "1e5")]
    [TestCase(0.5, "3.16")]
    [TestCase(-4.5, "3.16e-5")]
    public void Label_ShowsTheValueOfTheLogarithm(double exponent, string expected)
    {
        Assert.That(LogAxis.Label(exponent), Is.EqualTo(expected));
    }
}
