using Sasg.Learning.Data;

namespace Sasg.Experiments.Scenarios;

/// <summary>The LAG synthetic problem's parameters (<c>data</c> with source lag-synthetic).</summary>
/// <param name="Base">Growth of c_m = base^(m-1); default 1.3.</param>
/// <param name="Samples">Rows per worker; default 50.</param>
/// <param name="Features">Features d; default 50.</param>
/// <param name="GaussianColumns">Columns of the Gaussian matrix; default 14.</param>
/// <param name="Targets">Explicit targets (Samples values), or null for the Body Fat targets.</param>
/// <param name="Labels">Target (least squares), SignedBinary (targets are -1/+1 labels, for the logistic variant) or
/// AsStored (binary targets kept as written, 0 included, for the logistic variant as the authors' code runs it).</param>
public sealed record ScenarioSyntheticData(
    double Base,
    int Samples,
    int Features,
    int GaussianColumns,
    IReadOnlyList<double>? Targets,
    LabelKind Labels = LabelKind.Target)
{
    /// <summary>The Learning options for <paramref name="workers"/> workers and the scenario's <paramref name="seed"/>.</summary>
    public LagSyntheticOptions ToOptions(int workers, long seed) =>
        new(workers, Samples, Features, Base, GaussianColumns, seed, Targets);
}
