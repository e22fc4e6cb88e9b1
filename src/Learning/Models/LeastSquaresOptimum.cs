using MathNet.Numerics.LinearAlgebra;
using Sasg.Learning.Data;

namespace Sasg.Learning.Models;

/// <summary>The closed-form minimum of sum_m 0.5||X_m theta - y_m||^2 (the LAG stopping rule's f*).</summary>
public static class LeastSquaresOptimum
{
    /// <summary>theta* = (sum X_m'X_m)^-1 sum X_m'y_m and f* = the loss there.</summary>
    public static (double[] Theta, double Value) Compute(IReadOnlyList<Dataset> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var d = workers[0].FeatureCount;
        var gram = Matrix<double>.Build.Dense(d, d);
        var moment = Vector<double>.Build.Dense(d);
        foreach (var worker in workers)
        {
            var xt = Matrix<double>.Build.Dense(d, worker.Count, worker.Features);
            var y = Vector<double>.Build.DenseOfArray(worker.Targets
                ?? throw new ArgumentException($"Dataset '{worker.Name}' has no real targets.", nameof(workers)));
            gram += xt * xt.Transpose();
            moment += xt * y;
        }

        var theta = gram.Solve(moment);
        double value = 0;
        foreach (var worker in workers)
        {
            var xt = Matrix<double>.Build.Dense(d, worker.Count, worker.Features);
            var residual = (xt.TransposeThisAndMultiply(theta)) - Vector<double>.Build.DenseOfArray(worker.Targets!);
            value += 0.5 * residual.DotProduct(residual);
        }

        return (theta.ToArray(), value);
    }
}
