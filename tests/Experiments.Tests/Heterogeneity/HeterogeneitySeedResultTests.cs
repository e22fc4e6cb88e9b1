using Sasg.Experiments.Heterogeneity;

namespace Sasg.Experiments.Tests.Heterogeneity;

/// <summary>One constructed run for each verdict: the same data (three workers, L_m = 1, 1, 10, so L = 12 and one worker
/// far below the average), counted uploads, and a step and weights inside or outside the theorem.</summary>
public sealed class HeterogeneitySeedResultTests
{
    private static readonly double[] Smoothness = [1, 1, 10];

    [Test]
    public void Verdicts_InsideWithFewerUploadsThanTheBound_Hold()
    {
        var row = Row(Inside(), gd: 300, lag: 120);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Prediction.LagWkCheck.IsInside, Is.True);
            Assert.That(row.Prediction.Saving, Is.EqualTo(0.5).Within(1e-12), "two of three workers count at d = 1..3: (2/3)(1 - 1/4)");
            Assert.That(row.LagWkVerdict, Is.EqualTo(BoundVerdict.Holds), "0.4 <= 1 - 0.5");
        }
    }

    [Test]
    public void Verdicts_InsideWithMoreUploadsThanTheBound_AreViolated()
    {
        var row = Row(Inside(), gd: 300, lag: 180);

        Assert.That(row.LagWkVerdict, Is.EqualTo(BoundVerdict.Violated), "0.6 > 1 - 0.5");
    }

    [Test]
    public void Verdicts_OutsideTheConditions_AreOutsideWhateverTheRatio()
    {
        var score = HeterogeneityScore.Compute(Smoothness, 12, 1.0 / 12, HeterogeneityScore.UniformXi(10, 0.1));
        var row = Row(score, gd: 300, lag: 1500);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.LagWkRatio, Is.EqualTo(5));
            Assert.That(row.LagWkVerdict, Is.EqualTo(BoundVerdict.Outside));
            Assert.That(row.Prediction.LagWkCheck.Failure, Is.EqualTo("sum xi = 1 is not below 1"));
        }
    }

    private static HeterogeneityScore Inside()
    {
        var xi = LagTheorem.WithinXi(10);
        return HeterogeneityScore.Compute(Smoothness, 12, LagTheorem.LargestStep(12, xi), xi);
    }

    private static HeterogeneitySeedResult Row(HeterogeneityScore score, long gd, long lag) => new(
        1,
        new HeterogeneityPrediction(score, score, score),
        new UploadsToTarget("GD", gd, (int)(gd / 3), "objective"),
        new UploadsToTarget("LAG-WK", lag, 100, "objective"),
        new UploadsToTarget("LAG-PS", lag, 100, "objective"));
}
