using MathNet.Numerics.LinearAlgebra;
using Sasg.Learning.Data;

namespace Sasg.Learning.Models;

/// <summary>The minimum of the LAG logistic objective sum_m [sum_i log(1 + exp(-y_i x_i'theta)) + lambda/2 ||theta||^2]
/// (every worker carries its own regulariser, as in the authors' code), for the stopping rule's f*.</summary>
/// <remarks>
/// The authors take f* as the last value of a long GD run (300,000 iterations in the synthetic script). With lambda > 0
/// the objective is strongly convex, and a damped Newton method reaches it to machine precision in a few dozen steps:
/// the gradient norm is driven below 1e-12 of its value at zero, which puts f* well inside the 1e-8 the runs stop at.
/// </remarks>
public static class LogisticOptimum
{
    private const int MaxSteps = 200;

    /// <summary>theta* and f* for targets in {-1, +1} (or 0: the LAG code's labels as stored, a constant row) and
    /// <paramref name="lambda"/> &gt; 0.</summary>
    /// <exception cref="ArgumentException">lambda is not positive, or a target is not -1, 0 or +1.</exception>
    public static (double[] Theta, double Value) Compute(IReadOnlyList<Dataset> workers, double lambda)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (!(lambda > 0))
        {
            throw new ArgumentException($"f* of the logistic loss needs lambda > 0 (it was {lambda}): without it the minimum may not exist.", nameof(lambda));
        }

        var d = workers[0].FeatureCount;
        var rows = new List<(double[] X, double Y)>();
        foreach (var worker in workers)
        {
            var targets = worker.Targets ?? throw new ArgumentException($"Dataset '{worker.Name}' has no targets.", nameof(workers));
            for (var i = 0; i < worker.Count; i++)
            {
                if (targets[i] is not (1.0 or -1.0 or 0.0))
                {
                    throw new ArgumentException($"Dataset '{worker.Name}': target {i} is {targets[i]}, not -1, 0 or +1.", nameof(workers));
                }

                rows.Add((worker.Features.AsSpan(i * d, d).ToArray(), targets[i]));
            }
        }

        var regulariser = workers.Count * lambda;
        var theta = Vector<double>.Build.Dense(d);
        var value = Objective(rows, theta, regulariser);
        var tolerance = 1e-12 * Math.Max(1, Gradient(rows, theta, regulariser).L2Norm());
        for (var step = 0; step < MaxSteps; step++)
        {
            var gradient = Gradient(rows, theta, regulariser);
            if (gradient.L2Norm() <= tolerance)
            {
                break;
            }

            var direction = Hessian(rows, theta, regulariser, d).Cholesky().Solve(gradient);
            var slope = gradient.DotProduct(direction);
            var length = 1.0;
            while (true)
            {
                var candidate = theta - (length * direction);
                var candidateValue = Objective(rows, candidate, regulariser);
                if (candidateValue <= value - (1e-4 * length * slope) || length < 1e-12)
                {
                    theta = candidate;
                    value = candidateValue;
                    break;
                }

                length /= 2;
            }
        }

        return (theta.ToArray(), value);
    }

    private static double Objective(List<(double[] X, double Y)> rows, Vector<double> theta, double regulariser)
    {
        var value = 0.5 * regulariser * theta.DotProduct(theta);
        foreach (var (x, y) in rows)
        {
            value += Softplus(-y * Dot(x, theta));
        }

        return value;
    }

    private static Vector<double> Gradient(List<(double[] X, double Y)> rows, Vector<double> theta, double regulariser)
    {
        var gradient = regulariser * theta;
        foreach (var (x, y) in rows)
        {
            var weight = -y * Sigmoid(-y * Dot(x, theta));
            for (var j = 0; j < x.Length; j++)
            {
                gradient[j] += weight * x[j];
            }
        }

        return gradient;
    }

    private static Matrix<double> Hessian(List<(double[] X, double Y)> rows, Vector<double> theta, double regulariser, int d)
    {
        var hessian = Matrix<double>.Build.DenseIdentity(d) * regulariser;
        foreach (var (x, y) in rows)
        {
            // The curvature of log(1 + exp(-y x'theta)) is y^2 s (1 - s): 0 for a row labelled 0, exact for -1/+1.
            var s = Sigmoid(-y * Dot(x, theta));
            var weight = y * y * s * (1 - s);
            for (var a = 0; a < d; a++)
            {
                var wa = weight * x[a];
                for (var b = 0; b < d; b++)
                {
                    hessian[a, b] += wa * x[b];
                }
            }
        }

        return hessian;
    }

    private static double Dot(double[] x, Vector<double> theta)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            sum += x[j] * theta[j];
        }

        return sum;
    }

    private static double Softplus(double m) => m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));

    private static double Sigmoid(double m) => m >= 0 ? 1 / (1 + Math.Exp(-m)) : Math.Exp(m) / (1 + Math.Exp(m));
}
