using Sasg.Learning.Data;
using Sasg.Learning.Models;

namespace Sasg.Learning.Tests.Models;

public sealed class LagSyntheticProblemTests
{
    [Test]
    public void IncreasingSet_HasTheAuthorsSmoothnessConstants()
    {
        var workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions());

        var (perWorker, total) = SmoothnessConstants.Compute(workers, logisticLambda: null);

        var expected = Enumerable.Range(0, 9).Select(m => Math.Pow(1 + Math.Pow(1.3, m), 2)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(perWorker, Is.EqualTo(expected).Within(1e-9));
            Assert.That(perWorker[0], Is.EqualTo(4).Within(1e-9));
            Assert.That(perWorker[8], Is.EqualTo(83.86).Within(0.01));
            // Sum of X_m'X_m = 9 I + sum (2c + c^2) q q' over orthonormal q: L = 9 + 2 * 1.3^8 + 1.3^16.
            Assert.That(total, Is.EqualTo(9 + (2 * Math.Pow(1.3, 8)) + Math.Pow(1.3, 16)).Within(1e-9));
            Assert.That(total, Is.EqualTo(91.856).Within(0.001));
        }
    }

    [Test]
    public void UniformSet_GivesEveryWorkerLEqualToFour()
    {
        var workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Base: 1.0));

        var (perWorker, _) = SmoothnessConstants.Compute(workers, logisticLambda: null);

        Assert.That(perWorker, Is.All.EqualTo(4).Within(1e-9));
    }

    [Test]
    public void Workers_ShareTheBodyFatTargets_AndTheSameSeedGivesTheSameDesign()
    {
        var first = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Seed: 7));
        var again = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Seed: 7));
        var other = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Seed: 8));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Has.Count.EqualTo(9));
            Assert.That(first[3].Targets, Is.EqualTo(LagSyntheticProblem.BodyFatTargets));
            Assert.That(first[3].Targets![0], Is.EqualTo(1.0708));
            Assert.That(first[5].Features, Is.EqualTo(again[5].Features));
            Assert.That(first[5].Features, Is.Not.EqualTo(other[5].Features));
        }
    }

    [TestCase(0, "Workers")]
    [TestCase(3_000, "Workers")]
    public void Options_OutOfRange_NameTheParameter(int workers, string parameter)
    {
        Assert.That(
            () => LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Workers: workers)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo(parameter));
    }

    [Test]
    public void MoreWorkersThanFeatures_ReuseTheColumnsInTurn()
    {
        var workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Workers: 103, Base: 1.0));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workers, Has.Count.EqualTo(103));
            Assert.That(workers[52].Features, Is.EqualTo(workers[2].Features));
            Assert.That(workers[102].Features, Is.EqualTo(workers[2].Features));
            Assert.That(workers[53].Features, Is.Not.EqualTo(workers[2].Features));
        }
    }

    [Test]
    public void Options_WrongTargetCount_NamesTargets()
    {
        Assert.That(
            () => LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions(Targets: [1.0, 2.0])),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("Targets"));
    }

    [Test]
    public void LeastSquaresOptimum_HasZeroGradient()
    {
        var workers = LagSyntheticProblem.CreateWorkers(new LagSyntheticOptions());

        var (theta, value) = LeastSquaresOptimum.Compute(workers);

        var gradient = new double[50];
        foreach (var worker in workers)
        {
            for (var i = 0; i < worker.Count; i++)
            {
                var row = worker.Row(i);
                var residual = -worker.Targets![i];
                for (var j = 0; j < 50; j++)
                {
                    residual += row[j] * theta[j];
                }

                for (var j = 0; j < 50; j++)
                {
                    gradient[j] += residual * row[j];
                }
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gradient.Max(Math.Abs), Is.LessThan(1e-10));
            Assert.That(value, Is.Positive);
        }
    }
}
