using Sasg.Experiments.Heterogeneity;

namespace Sasg.Experiments.Tests.Heterogeneity;

public sealed class LagTheoremTests
{
    private static readonly double[] Uniform = [4, 4, 4];

    [Test]
    public void Check_WeightsSummingToOne_IsOutsideNamingTheSumAndAFix()
    {
        var score = HeterogeneityScore.Compute(Uniform, 12, 1.0 / 12, HeterogeneityScore.UniformXi(10, 0.1));

        var check = LagTheorem.Check(score);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.IsInside, Is.False);
            Assert.That(check.Failure, Is.EqualTo("sum xi = 1 is not below 1"));
            Assert.That(check.Fix, Is.EqualTo("xi_d = 0.05 (sum 0.5) with alpha <= 0.5/L = 4.1667e-2"));
        }
    }

    [Test]
    public void Check_AStepAboveOneMinusTheSumOverL_IsOutsideNamingTheLargestStep()
    {
        var score = HeterogeneityScore.Compute(Uniform, 12, 1.0 / 12, HeterogeneityScore.UniformXi(10, 0.05));

        var check = LagTheorem.Check(score);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.IsInside, Is.False);
            Assert.That(check.Failure, Is.EqualTo("alpha L = 1 exceeds 1 - sum xi = 0.5"));
            Assert.That(check.Fix, Is.EqualTo("alpha <= (1 - sum xi)/L = 4.1667e-2"));
        }
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
