using Sasg.Experiments.Heterogeneity;

namespace Sasg.Experiments.Tests.Heterogeneity;

public sealed class BoundVerdictsTests
{
    [TestCase(1.2, 1.0, BoundVerdict.Violated, TestName = "Judge_AboveTheBound_IsViolated")]
    [TestCase(1.0000001, 1.0, BoundVerdict.Violated, TestName = "Judge_JustAboveTheTolerance_IsViolated")]
    [TestCase(1.0, 1.0, BoundVerdict.Tight, TestName = "Judge_EqualToTheBound_IsTight")]
    [TestCase(0.9, 1.0, BoundVerdict.Tight, TestName = "Judge_TenPercentBelow_IsStillTight")]
    [TestCase(0.89, 1.0, BoundVerdict.Loose, TestName = "Judge_MoreThanTenPercentBelow_IsLoose")]
    [TestCase(0.12, 1.0, BoundVerdict.Loose, TestName = "Judge_FarBelow_IsLoose")]
    [TestCase(0.80, 0.87, BoundVerdict.Tight, TestName = "Judge_TightnessIsRelativeToTheBound")]
    [TestCase(double.NaN, 1.0, BoundVerdict.NotReached, TestName = "Judge_WithoutARatio_IsNotReached")]
    public void Judge_ClassifiesTheRatioAgainstTheBound(double ratio, double bound, BoundVerdict expected)
    {
        Assert.That(BoundVerdicts.Judge(ratio, bound), Is.EqualTo(expected));
    }

    [Test]
    public void Text_NamesEveryVerdict()
    {
        Assert.That(
            Enum.GetValues<BoundVerdict>().Select(BoundVerdicts.Text),
            Is.EqualTo(new[] { "violated", "tight", "loose", "not reached" }));
    }
}
