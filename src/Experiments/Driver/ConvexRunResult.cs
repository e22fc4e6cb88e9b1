namespace Sasg.Experiments.Driver;

/// <summary>What one method cost on the convex run.</summary>
/// <param name="Algorithm">The method's name.</param>
/// <param name="Iterations">Iterations run (to the tolerance, or the budget).</param>
/// <param name="Uploads">Worker uploads (the papers' communication rounds).</param>
/// <param name="UploadBytes">Encoded upload bytes that crossed the uplinks.</param>
/// <param name="PaperBits">Bits as the papers count them.</param>
/// <param name="SimulatedSeconds">Simulated wall-clock time at the end of the last iteration.</param>
/// <param name="ObjectiveError">|f(theta) - f*| at the end.</param>
/// <param name="ReachedTolerance">Whether the error fell below the tolerance within the budget.</param>
public sealed record ConvexRunResult(
    string Algorithm,
    int Iterations,
    long Uploads,
    long UploadBytes,
    long PaperBits,
    double SimulatedSeconds,
    double ObjectiveError,
    bool ReachedTolerance);
