using Sasg.Experiments.Heterogeneity;

namespace Sasg.Experiments.Tests.Heterogeneity;

public sealed class BoundVerdictsTests
{
    private static readonly TheoremCheck OutsideCheck = new(false, "sum xi = 1 is not below 1", "xi_d = 0.05");

    [TestCase(1.2, 1.0, BoundVerdict.Violated, TestName = "Judge_InsideAndAboveTheBound_IsViolated")]
    [TestCase(1.0000001, 1.0, BoundVerdict.Violated, TestName = "Judge_InsideAndJustAboveTheTolerance_IsViolated")]
    [TestCase(1.0, 1.0, BoundVerdict.Holds, TestName = "Judge_InsideAndEqualToTheBound_Holds")]
    [TestCase(0.12, 0.87, BoundVerdict.Holds, TestName = "Judge_InsideAndFarBelow_Holds")]
    [TestCase(0.88, 0.87, BoundVerdict.Violated, TestName = "Judge_TheBoundIsTheOneGiven")]
    [TestCase(double.NaN, 1.0, BoundVerdict.NotReached, TestName = "Judge_InsideWithoutARatio_IsNotReached")]
    public void Judge_InsideTheConditions_ClassifiesTheRatioAgainstTheBound(double ratio, double bound, BoundVerdict expected)
    {
        Assert.That(BoundVerdicts.Judge(ratio, bound, TheoremCheck.Inside), Is.EqualTo(expected));
    }

    [TestCase(4.9, TestName = "Judge_OutsideAndFarAboveTheBound_IsOutsideNotViolated")]
    [TestCase(0.1, TestName = "Judge_OutsideAndBelowTheBound_IsOutsideNotHolds")]
    [TestCase(double.NaN, TestName = "Judge_OutsideWithoutARatio_IsOutside")]
    public void Judge_OutsideTheConditions_GivesNoVerdict(double ratio)
    {
        Assert.That(BoundVerdicts.Judge(ratio, 1.0, OutsideCheck), Is.EqualTo(BoundVerdict.Outside));
    }

    [Test]
    public void Text_NamesEveryVerdict()
    {
        Assert.That(
            Enum.GetValues<BoundVerdict>().Select(BoundVerdicts.Text),
            Is.EqualTo(new[] { "violated", "holds", "outside", "not reached" }));
    }
}
