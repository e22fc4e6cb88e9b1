using MathNet.Numerics.LinearAlgebra;

namespace Sasg.Learning.Data;

/// <summary>The LAG paper's synthetic regression problem, built as the authors' script nips2018synlinear.m builds it.</summary>
/// <remarks>
/// Draw a Features x <see cref="LagSyntheticOptions.GaussianColumns"/> standard Gaussian matrix, take its full QR
/// decomposition to get an orthonormal Features x Features Q, and give worker m (1-based) the design
/// X_m = base^(m-1) q_m q_m' + I, where q_m is column m of Q (column m mod Features when there are more workers than
/// features: a generalization for scale runs, since the authors' construction stops at M = Features). Then X_m'X_m = I + (2c + c^2) q_m q_m' with
/// c = base^(m-1), so L_m = (1 + base^(m-1))^2: base 1.3 gives the "increasing L_m" set, base 1 the uniform one.
/// Every worker uses the same targets (by default the first 50 Body Fat targets, as the authors did).
/// The authors' code sets no seed; here the Gaussian draw comes from <see cref="LagSyntheticOptions.Seed"/>.
/// </remarks>
public static class LagSyntheticProblem
{
    /// <summary>The first 50 targets (body density) of the Body Fat data, which the LAG synthetic problem uses.</summary>
    public static IReadOnlyList<double> BodyFatTargets { get; } =
    [
        1.0708, 1.0853, 1.0414, 1.0751, 1.0340, 1.0502, 1.0549, 1.0704, 1.0900, 1.0722,
        1.0830, 1.0812, 1.0513, 1.0505, 1.0484, 1.0512, 1.0333, 1.0468, 1.0622, 1.0610,
        1.0551, 1.0640, 1.0631, 1.0584, 1.0668, 1.0911, 1.0811, 1.0468, 1.0910, 1.0790,
        1.0716, 1.0862, 1.0719, 1.0502, 1.0263, 1.0101, 1.0438, 1.0346, 1.0202, 1.0258,
        1.0217, 1.0250, 1.0279, 1.0269, 1.0814, 1.0670, 1.0742, 1.0665, 1.0678, 1.0903,
    ];

    /// <summary>One regression dataset per worker (features Samples x Features, the shared targets).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static IReadOnlyList<Dataset> CreateWorkers(LagSyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var targets = (options.Targets ?? BodyFatTargets).ToArray();
        var q = OrthonormalBasis(options.Features, options.GaussianColumns, options.Seed);
        var workers = new List<Dataset>(options.Workers);
        for (var m = 0; m < options.Workers; m++)
        {
            var c = Math.Pow(options.Base, m);
            var column = q.Column(m % options.Features);
            var design = (c * column.OuterProduct(column)) + Matrix<double>.Build.DenseIdentity(options.Samples, options.Features);
            var features = new double[options.Samples * options.Features];
            for (var i = 0; i < options.Samples; i++)
            {
                for (var j = 0; j < options.Features; j++)
                {
                    features[(i * options.Features) + j] = design[i, j];
                }
            }

            workers.Add(new Dataset($"lag-synthetic/worker{m}", options.Samples, [options.Features], features, null, 0, targets));
        }

        return workers;
    }

    private static Matrix<double> OrthonormalBasis(int rows, int columns, long seed)
    {
        // Standard normals by Box-Muller from a seeded generator, row-major like MATLAB's randn fill order is not
        // reproducible anyway (the authors set no seed); what matters is a seeded, documented draw.
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var gaussian = Matrix<double>.Build.Dense(rows, columns);
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                gaussian[i, j] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }
        }

        return gaussian.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Full).Q;
    }
}
