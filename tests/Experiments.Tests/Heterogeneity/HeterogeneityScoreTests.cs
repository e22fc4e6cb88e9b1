using Sasg.Experiments.Heterogeneity;
using Sasg.Learning.Data;
using Sasg.Learning.Models;

namespace Sasg.Experiments.Tests.Heterogeneity;

public sealed class HeterogeneityScoreTests
{
    // The worked example of docs/heterogeneity.md: the synthetic "increasing L_m" set, L_m = (1 + 1.3^(m-1))^2,
    // and L = lambda_max(sum_m X_m'X_m) = 9 + 2 c_9 + c_9^2 with c_9 = 1.3^8, because the q_m are orthonormal.
    private static readonly double[] IncreasingSmoothness = Enumerable.Range(0, 9).Select(m => Math.Pow(1 + Math.Pow(1.3, m), 2)).ToArray();
    private static readonly double IncreasingTotal = 9 + (2 * Math.Pow(1.3, 8)) + Math.Pow(1.3, 16);

    [Test]
    public void Compute_OnTheWorkedExample_GivesItsScaledImportanceFactors()
    {
        var score = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.UniformXi(10, 0.1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Math.Round(IncreasingTotal, 3), Is.EqualTo(91.856));
            Assert.That(score.ScaledImportance.Select(v => Math.Round(v, 3)), Is.EqualTo(new[] { 0.392, 0.518, 0.709, 1.001, 1.457, 2.176, 3.327, 5.185, 8.216 }));
            Assert.That(score.Importance[0], Is.EqualTo(4 / IncreasingTotal).Within(1e-15));
        }
    }

    [Test]
    public void Compute_OnTheWorkedExampleAtXiPointOne_PredictsNoSaving()
    {
        var score = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.UniformXi(10, 0.1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.PaperScores, Is.All.Zero);
            Assert.That(score.PaperSaving, Is.Zero);
            Assert.That(score.Bound, Is.EqualTo(1));
        }
    }

    [Test]
    public void Compute_OnTheWorkedExampleAtTheLinearScriptThresholds_GivesPaperFormPoint1296()
    {
        var script = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.LinearScriptXi(10));
        var xiPointFour = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.UniformXi(10, 0.4));

        using (Assert.EnterMultipleScope())
        {
            // 0.5 * (2/9) + (1/6) * (1/9) = 7/54.
            Assert.That(script.PaperSaving, Is.EqualTo(7.0 / 54).Within(1e-15));
            Assert.That(Math.Round(script.PaperSaving, 4), Is.EqualTo(0.1296));
            Assert.That(script.PaperScores.Take(3), Is.EqualTo(new[] { 2.0 / 9, 1.0 / 9, 0 }).Within(1e-15));
            Assert.That(xiPointFour.PaperSaving, Is.EqualTo(script.PaperSaving), "the linear script's thresholds are xi = 0.4");
        }
    }

    [Test]
    public void Compute_OnTheWorkedExampleAtTheLinearScriptThresholds_GivesTheCodeFormItsOwnValue()
    {
        var score = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.LinearScriptXi(10));

        // t_1 = 0.632: first value >= t is 0.709, F = 3/9; t_2 = 0.447: 0.518, F = 2/9; t_3 = 0.365 < 0.392: 0.
        // comm_save = 0.5 * 3/9 + (1/6) * 2/9 = 11/54, not the paper form's 7/54.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.CodeScores.Take(3), Is.EqualTo(new[] { 3.0 / 9, 2.0 / 9, 0 }).Within(1e-15));
            Assert.That(score.CodeSaving, Is.EqualTo(11.0 / 54).Within(1e-15));
        }
    }

    [Test]
    public void Compute_OnTheWorkedExampleAtTheLogisticScriptThresholds_GivesZeroInBothForms()
    {
        var score = HeterogeneityScore.Compute(IncreasingSmoothness, IncreasingTotal, 1 / IncreasingTotal, HeterogeneityScore.LogisticScriptXi(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.PaperSaving, Is.Zero);
            Assert.That(score.CodeSaving, Is.Zero, "t_1 = 0.316 is below the smallest value 0.392");
        }
    }

    [Test]
    public void Compute_OnTheLagSyntheticData_ReproducesTheWorkedExampleFromTheDataItself()
    {
        var workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(9, 50, 50, 1.3, 14, Seed: 3, Targets: null));
        var (perWorker, total) = SmoothnessConstants.Compute(workers, logisticLambda: null);

        var score = HeterogeneityScore.Compute(perWorker, total, 1 / total, HeterogeneityScore.LinearScriptXi(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(total, Is.EqualTo(IncreasingTotal).Within(1e-9));
            Assert.That(score.ScaledImportance.Select(v => Math.Round(v, 3)), Is.EqualTo(new[] { 0.392, 0.518, 0.709, 1.001, 1.457, 2.176, 3.327, 5.185, 8.216 }));
            Assert.That(score.PaperSaving, Is.EqualTo(7.0 / 54).Within(1e-12));
        }
    }

    [Test]
    public void Compute_WithUniformSmoothness_PredictsNoSavingInEitherForm()
    {
        // The uniform synthetic set: L_m = 4, L = 9 + 3 = 12, so M H(m) = 3 for every worker.
        var score = HeterogeneityScore.Compute(Enumerable.Repeat(4.0, 9).ToArray(), 12, 1.0 / 12, HeterogeneityScore.UniformXi(10, 0.4));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.ScaledImportance, Is.All.EqualTo(3).Within(1e-12));
            Assert.That(score.PaperSaving, Is.Zero);
            Assert.That(score.CodeSaving, Is.Zero);
        }
    }

    [Test]
    public void Compute_WithAStepBelowOneOverL_ScalesTheThresholdsByOneOverAlphaSquaredLSquared()
    {
        // gamma_d = xi_d / (d alpha^2 L^2 M^2): with alpha = 1/(2L), every threshold is 4 times the alpha = 1/L one.
        var atOneOverL = HeterogeneityScore.Compute([1, 2, 3], 4, 0.25, [0.2, 0.1]);
        var atHalf = HeterogeneityScore.Compute([1, 2, 3], 4, 0.125, [0.2, 0.1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(atOneOverL.Thresholds, Is.EqualTo(new[] { 0.2 / 9, 0.1 / 18 }).Within(1e-15));
            Assert.That(atHalf.Thresholds, Is.EqualTo(new[] { 0.8 / 9, 0.4 / 18 }).Within(1e-15));
        }
    }

    [Test]
    public void Score_CountsAWorkerExactlyOnTheThreshold()
    {
        // H = 0.3 gives H^2 = 0.09 (rounded in binary): "<=" must still count it.
        Assert.That(HeterogeneityScore.Score([0.3, 0.5], 0.09), Is.EqualTo(0.5));
    }

    [TestCase(0.1, 0.0, TestName = "CodeFormScore_BelowTheSmallest_IsZero")]
    [TestCase(1.0, 0.0, TestName = "CodeFormScore_AtTheSmallest_IsZero")]
    [TestCase(1.5, 0.75, TestName = "CodeFormScore_BetweenValues_CountsTheFirstValueAtOrAboveT")]
    [TestCase(2.0, 0.75, TestName = "CodeFormScore_OnARepeatedValue_CountsAllItsCopies")]
    [TestCase(99.0, 1.0, TestName = "CodeFormScore_AboveTheLargest_IsCappedAtTheLargest")]
    public void CodeFormScore_FollowsMatlabsEcdfLookup(double t, double expected)
    {
        Assert.That(HeterogeneityScore.CodeFormScore([2, 1, 2, 3], t), Is.EqualTo(expected));
    }

    [Test]
    public void CodeFormScore_WithEqualValues_IsAlwaysZero()
    {
        Assert.That(new[] { 0.5, 1, 1.5 }.Select(t => HeterogeneityScore.CodeFormScore([1, 1, 1], t)), Is.All.Zero);
    }

    [Test]
    public void Compute_WithNoWorkerOrABadConstant_Throws()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => HeterogeneityScore.Compute([], 1, 1, [0.1]), Throws.ArgumentException);
            Assert.That(() => HeterogeneityScore.Compute([1, -1], 1, 1, [0.1]), Throws.ArgumentException);
            Assert.That(() => HeterogeneityScore.Compute([1], 0, 1, [0.1]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => HeterogeneityScore.Compute([1], 1, double.NaN, [0.1]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => HeterogeneityScore.Compute([1], 1, 1, []), Throws.ArgumentException);
        }
    }
}
