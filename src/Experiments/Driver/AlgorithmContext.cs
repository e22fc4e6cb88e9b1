using Sasg.Learning.Training;

namespace Sasg.Experiments.Driver;

/// <summary>What an algorithm's constructor may need beyond its own parameters.</summary>
/// <param name="Workers">M.</param>
/// <param name="StepSize">alpha of the summed update.</param>
/// <param name="Blocks">The model's parameter tensors (per-tensor top-k).</param>
/// <param name="Smoothness">L_m per worker, for convex models; null otherwise.</param>
/// <param name="Seed">The run's seed, for methods that draw (Num-IAG, random-k).</param>
public sealed record AlgorithmContext(
    int Workers, double StepSize, IReadOnlyList<ParameterBlock> Blocks, IReadOnlyList<double>? Smoothness, long Seed);
