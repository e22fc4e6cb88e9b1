namespace Sasg.Learning.Tests.Algorithms;

/// <summary>What a <see cref="PlainLagReference"/> run did.</summary>
/// <param name="Iterations">The first k with |f(theta^k) - f*| below the tolerance; null when the budget ended first.</param>
/// <param name="Uploads">Real uploads in iterations 0..k-1.</param>
/// <param name="CodeCounter">The authors' code's counter at the start of iteration k (equal to the uploads unless code-faithful).</param>
/// <param name="PrintedCounter">The figure the MATLAB code prints when it stops: its counter after iteration k's
/// uploads (it tests the loss of theta^k only once they are made and counted).</param>
/// <param name="UploadsPerIteration">Uploads in each iteration.</param>
/// <param name="SlowStepRatios">Per iteration: the slow-subspace component of the step's summed gradients over that of
/// the fresh full gradient at theta^k (1 for GD).</param>
/// <param name="SlowErrorFactors">Per iteration: the slow-subspace error after the step over the error before it
/// (GD: 1 - M alpha).</param>
internal sealed record PlainRun(
    int? Iterations,
    long Uploads,
    long CodeCounter,
    long PrintedCounter,
    IReadOnlyList<int> UploadsPerIteration,
    IReadOnlyList<double> SlowStepRatios,
    IReadOnlyList<double> SlowErrorFactors);
