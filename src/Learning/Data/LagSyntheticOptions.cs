namespace Sasg.Learning.Data;

/// <summary>Parameters of the LAG synthetic problem; the defaults are the authors' "increasing L_m" set.</summary>
/// <param name="Workers">M, the number of workers; beyond <paramref name="Features"/> the columns of Q are reused in turn.</param>
/// <param name="Samples">Rows per worker; must equal <paramref name="Features"/> (X_m is square in the construction).</param>
/// <param name="Features">d, the number of features.</param>
/// <param name="Base">The growth of c_m = base^(m-1): 1.3 for increasing L_m, 1 for uniform.</param>
/// <param name="GaussianColumns">Columns of the Gaussian matrix whose full QR gives Q (14 in the authors' script).</param>
/// <param name="Seed">The seed of the Gaussian draw.</param>
/// <param name="Targets">The targets every worker uses (Samples values); null for the Body Fat targets.</param>
public sealed record LagSyntheticOptions(
    int Workers = 9,
    int Samples = 50,
    int Features = 50,
    double Base = 1.3,
    int GaussianColumns = 14,
    long Seed = 1,
    IReadOnlyList<double>? Targets = null)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (Workers < 1 || !SmoothnessIsFinite(Base, Workers))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Workers), Workers, "Workers must be positive, and the last worker's (1 + Base^(Workers-1))^2 finite.");
        }

        if (Features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Features), Features, "Features must be positive.");
        }

        if (Samples != Features)
        {
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, $"Samples must equal Features ({Features}).");
        }

        if (!(Base > 0) || double.IsInfinity(Base))
        {
            throw new ArgumentOutOfRangeException(nameof(Base), Base, "Base must be a positive finite number.");
        }

        if (GaussianColumns < 1 || GaussianColumns > Features)
        {
            throw new ArgumentOutOfRangeException(
                nameof(GaussianColumns), GaussianColumns, $"GaussianColumns must be in 1..Features ({Features}).");
        }

        var targetCount = Targets?.Count ?? LagSyntheticProblem.BodyFatTargets.Count;
        if (targetCount != Samples)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Targets), targetCount, $"Targets must hold Samples ({Samples}) values.");
        }
    }

    /// <summary>Whether the last of <paramref name="workers"/> workers has a finite smoothness constant (1 + base^(M-1))^2.</summary>
    public static bool SmoothnessIsFinite(double growth, int workers) =>
        double.IsFinite(Math.Pow(1 + Math.Pow(growth, workers - 1), 2));
}
