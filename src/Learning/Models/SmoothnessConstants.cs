using MathNet.Numerics.LinearAlgebra;
using Sasg.Learning.Data;

namespace Sasg.Learning.Models;

/// <summary>Smoothness constants of the convex losses, as the LAG authors' code computes them.</summary>
/// <remarks>
/// Linear least squares 0.5||X theta - y||^2: L = lambda_max(X'X). Logistic loss plus lambda/2||theta||^2:
/// L = 0.25 lambda_max(X'X) + lambda. For the total loss the data of every worker is stacked.
/// </remarks>
public static class SmoothnessConstants
{
    /// <summary>L_m of each worker and L of the summed loss.</summary>
    /// <param name="workers">Each worker's data (regression features).</param>
    /// <param name="logisticLambda">Null for linear regression; the l2 coefficient for logistic regression.</param>
    public static (IReadOnlyList<double> PerWorker, double Total) Compute(IReadOnlyList<Dataset> workers, double? logisticLambda)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0)
        {
            throw new ArgumentException("At least one worker is needed.", nameof(workers));
        }

        var featureCount = workers[0].FeatureCount;
        var sum = Matrix<double>.Build.Dense(featureCount, featureCount);
        var perWorker = new double[workers.Count];
        for (var m = 0; m < workers.Count; m++)
        {
            var gram = Gram(workers[m]);
            perWorker[m] = Scale(LargestEigenvalue(gram), logisticLambda);
            sum += gram;
        }

        return (perWorker, Scale(LargestEigenvalue(sum), logisticLambda));
    }

    /// <summary>X'X of a dataset's features.</summary>
    public static Matrix<double> Gram(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = Matrix<double>.Build.Dense(data.FeatureCount, data.Count, data.Features); // column i = sample i
        return x * x.Transpose();
    }

    private static double LargestEigenvalue(Matrix<double> symmetric) =>
        symmetric.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Max(v => v.Real);

    private static double Scale(double lambdaMax, double? logisticLambda) =>
        logisticLambda is { } lambda ? (0.25 * lambdaMax) + lambda : lambdaMax;
}
