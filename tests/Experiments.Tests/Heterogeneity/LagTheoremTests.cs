using Sasg.Experiments.Heterogeneity;

namespace Sasg.Experiments.Tests.Heterogeneity;

public sealed class LagTheoremTests
{
    private static readonly double[] Uniform = [4, 4, 4];

    [TestCase(0.1, "sum xi = 1 is not below 1", "xi_d = 0.05 (sum 0.5) with alpha <= 0.5/L = 4.1667e-2",
        TestName = "Check_WeightsSummingToOne_IsOutsideNamingTheSumAndAFix")]
    [TestCase(0.05, "alpha L = 1 exceeds 1 - sum xi = 0.5", "alpha <= (1 - sum xi)/L = 4.1667e-2",
        TestName = "Check_AStepAboveOneMinusTheSumOverL_IsOutsideNamingTheLargestStep")]
    public void Check_AtOneOverL_IsOutside(double xi, string failure, string fix)
    {
        var check = LagTheorem.Check(HeterogeneityScore.Compute(Uniform, 12, 1.0 / 12, HeterogeneityScore.UniformXi(10, xi)));

        Assert.That(check, Is.EqualTo(new TheoremCheck(false, failure, fix)));
    }

    [Test]
    public void Check_TheLargestStepWithTheWithinWeights_IsInside()
    {
        var xi = LagTheorem.WithinXi(10);
        var score = HeterogeneityScore.Compute(Uniform, 12, LagTheorem.LargestStep(12, xi), xi);

        Assert.That(LagTheorem.Check(score), Is.EqualTo(TheoremCheck.Inside));
    }

    [Test]
    public void LargestStep_IsOneMinusTheSumOverL()
    {
        Assert.That(LagTheorem.LargestStep(8, [0.1, 0.2, 0.1]), Is.EqualTo(0.6 / 8).Within(1e-15));
    }

    [Test]
    public void LargestStep_WithWeightsSummingToOne_Throws()
    {
        Assert.That(() => LagTheorem.LargestStep(8, [0.5, 0.5]), Throws.ArgumentException);
    }
}
