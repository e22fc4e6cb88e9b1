using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

[NonParallelizable]
public sealed class LogisticOptimumTests
{
    private const int Features = 4;
    private const double Lambda = 0.01;

    [Test]
    public void Compute_FindsThePointWhereTheSummedGradientVanishes_AndItsValueIsTheMinimum()
    {
        var workers = new[] { Worker(1, 20), Worker(2, 30), Worker(3, 25) };

        var (theta, value) = LogisticOptimum.Compute(workers, Lambda);

        // The objective as the runs evaluate it: every worker's own loss, each with its lambda term (autograd-free
        // TorchSharp evaluation through FlatModel, independent of the Newton code).
        var (gradient, atOptimum) = SummedGradient(workers, theta);
        var random = new Random(9);
        var nearby = Enumerable.Range(0, 20)
            .Select(_ => SummedGradient(workers, theta.Select(t => t + ((random.NextDouble() - 0.5) * 0.1)).ToArray()).Loss)
            .ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gradient.Max(Math.Abs), Is.LessThan(1e-10));
            Assert.That(value, Is.EqualTo(atOptimum).Within(1e-12));
            Assert.That(nearby, Has.All.GreaterThan(value));
        }
    }

    [Test]
    public void Compute_RefusesLambdaZero_AndTargetsThatAreNotSignsOrZero()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => LogisticOptimum.Compute([Worker(1, 5)], 0), Throws.ArgumentException.With.Message.Contains("lambda > 0"));
            var two = new Dataset("two", 2, [1], [1.0, 2.0], null, 0, [2.0, 1.0]);
            Assert.That(() => LogisticOptimum.Compute([two], Lambda), Throws.ArgumentException.With.Message.Contains("not -1, 0 or +1"));
        }
    }

    [Test]
    public void Compute_WithZeroLabelsAsStored_TreatsEachZeroRowAsTheConstantLog2()
    {
        // The LAG code's {0,1} labels in the -1/+1 loss: a 0 row adds log 2 and no gradient, so the optimum is the one
        // of the other rows, and f* is theirs plus log 2 per 0 row.
        var workers = new[] { Worker(1, 20), Worker(2, 30) };
        var asStored = workers
            .Select(w => new Dataset(w.Name, w.Count, [Features], w.Features, null, 0, w.Targets!.Select(y => y < 0 ? 0.0 : y).ToArray()))
            .ToArray();
        var withoutZeros = workers.Select(WithoutNegatives).ToArray();
        var zeros = workers.Sum(w => w.Targets!.Count(y => y < 0));

        var (theta, value) = LogisticOptimum.Compute(asStored, Lambda);
        var (expectedTheta, expectedValue) = LogisticOptimum.Compute(withoutZeros, Lambda);

        var (gradient, atOptimum) = SummedGradient(asStored, theta);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(zeros, Is.GreaterThan(0));
            Assert.That(theta, Is.EqualTo(expectedTheta).Within(1e-10));
            Assert.That(value, Is.EqualTo(expectedValue + (zeros * Math.Log(2))).Within(1e-10));
            Assert.That(gradient.Max(Math.Abs), Is.LessThan(1e-10), "the model's gradient with 0 targets vanishes there too");
            Assert.That(value, Is.EqualTo(atOptimum).Within(1e-10));
        }
    }

    private static Dataset Worker(int seed, int count)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, count * Features).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var y = Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.4 ? 1.0 : -1.0).ToArray();
        return new Dataset("w" + seed, count, [Features], x, null, 0, y);
    }

    private static Dataset WithoutNegatives(Dataset worker)
    {
        var keep = Enumerable.Range(0, worker.Count).Where(i => worker.Targets![i] > 0).ToArray();
        var x = keep.SelectMany(i => worker.Features.AsSpan(i * Features, Features).ToArray()).ToArray();
        return new Dataset(worker.Name, keep.Length, [Features], x, null, 0, keep.Select(i => worker.Targets![i]).ToArray());
    }

    private static (double[] Gradient, double Loss) SummedGradient(IReadOnlyList<Dataset> workers, double[] theta)
    {
        using var model = new FlatModel<double>(new LogisticRegression(Features, Lambda));
        var sum = new double[Features];
        var loss = 0.0;
        foreach (var worker in workers)
        {
            using var data = new TensorData(worker, ScalarType.Float64, TargetKind.RealTargets);
            theta.CopyTo(model.Parameters);
            loss += model.ComputeGradient(data.All);
            for (var j = 0; j < Features; j++)
            {
                sum[j] += model.Gradient[j];
            }
        }

        return (sum, loss);
    }
}
