using Sasg.Experiments.Results.Plots;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class LogAxisTests
{
    [TestCase(new[] { 1.0, 10.0 }, false, TestName = "IsWide_OneDecade_IsFalse")]
    [TestCase(new[] { 3.0, 300.0 }, false, TestName = "IsWide_ExactlyTwoDecades_IsFalse")]
    [TestCase(new[] { 1.0, 101.0 }, true, TestName = "IsWide_JustOverTwoDecades_IsTrue")]
    [TestCase(new[] { 1.0, 50.0, 1000.0 }, true, TestName = "IsWide_ThreeDecades_IsTrue")]
    [TestCase(new[] { 1e-8, 250.0 }, true, TestName = "IsWide_TenDecades_IsTrue")]
    [TestCase(new[] { 0.0, 0.0, 2e4, 3e8 }, true, TestName = "IsWide_WithZeros_IgnoresThem")]
    [TestCase(new[] { 0.0, 5.0, 50.0 }, false, TestName = "IsWide_WithAZeroAndOneDecadeOfPositives_IsFalse")]
    [TestCase(new[] { 0.0, 0.0 }, false, TestName = "IsWide_OnlyZeros_IsFalse")]
    [TestCase(new[] { 42.0 }, false, TestName = "IsWide_ASinglePoint_IsFalse")]
    [TestCase(new double[0], false, TestName = "IsWide_Empty_IsFalse")]
    [TestCase(new[] { -1.0, 1e-9, 250.0 }, false, TestName = "IsWide_WithANegativeValue_IsFalse")]
    [TestCase(new[] { double.NaN, 1e-9, 250.0, double.PositiveInfinity }, true, TestName = "IsWide_IgnoresNonFiniteValues")]
    [TestCase(new[] { double.NaN }, false, TestName = "IsWide_WithNoFiniteValue_IsFalse")]
    public void IsWide(double[] values, bool expected)
    {
        Assert.That(LogAxis.IsWide(values), Is.EqualTo(expected));
    }

    [TestCase("Never", new[] { 1.0, 1e6 }, false)]
    [TestCase("WhenWide", new[] { 1.0, 1e6 }, true)]
    [TestCase("WhenWide", new[] { 1.0, 10.0 }, false)]
    [TestCase("Always", new[] { 1.0, 10.0 }, true)]
    public void IsLog_FollowsThePolicy(string policy, double[] values, bool expected)
    {
        Assert.That(LogAxis.IsLog(Enum.Parse<LogPolicy>(policy), values), Is.EqualTo(expected));
    }

    [TestCase(-8, "1e-8")]
    [TestCase(-3, "0.001")]
    [TestCase(0, "1")]
    [TestCase(2, "100")]
    [TestCase(3, "1000")]
    [TestCase(5, "1e5")]
    [TestCase(6, "1e6")]
    [TestCase(0.5, "3.16")]
    [TestCase(-4.5, "3.16e-5")]
    public void Label_ShowsTheValueOfTheLogarithm(double exponent, string expected)
    {
        Assert.That(LogAxis.Label(exponent), Is.EqualTo(expected));
    }

    [Test]
    public void Apply_OverDecades_LabelsWholePowersOfTenWithTheirValues()
    {
        using var plot = new Plot();

        LogAxis.Apply(plot.Axes.Bottom, -1, 2.4);

        var ticks = plot.Axes.Bottom.TickGenerator as NumericAutomatic;
        Assert.That(ticks, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ticks!.IntegerTicksOnly, Is.True);
            Assert.That(ticks.MinorTickGenerator, Is.TypeOf<LogMinorTickGenerator>());
            Assert.That(new[] { -1.0, 0, 2, 6 }.Select(ticks.LabelFormatter), Is.EqualTo(new[] { "0.1", "1", "100", "1e6" }));
        }
    }
}
