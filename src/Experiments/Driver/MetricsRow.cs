namespace Sasg.Experiments.Driver;

/// <summary>One evaluation point of one method (a row of metrics.csv).</summary>
/// <param name="Algorithm">The method's label.</param>
/// <param name="Iteration">Completed iterations k.</param>
/// <param name="Uploads">Uploads so far.</param>
/// <param name="UploadBytes">Encoded upload bytes so far.</param>
/// <param name="PaperBits">Bits so far as the papers count them.</param>
/// <param name="SimulatedSeconds">Simulated time at the end of iteration k.</param>
/// <param name="TrainLoss">The training objective (sum over workers for summed losses; mean for mean losses).</param>
/// <param name="TestLoss">Loss on the test set, NaN without one.</param>
/// <param name="TestAccuracy">Accuracy on the test set (or the training set's for convex classification), NaN otherwise.</param>
/// <param name="ObjectiveError">|f - f*| where f* is known in closed form, NaN otherwise.</param>
public sealed record MetricsRow(
    string Algorithm,
    int Iteration,
    long Uploads,
    long UploadBytes,
    long PaperBits,
    double SimulatedSeconds,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double ObjectiveError);
