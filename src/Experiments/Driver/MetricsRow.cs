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
/// <param name="CountedUploads">Uploads so far as the authors' code counts them; equal to <paramref name="Uploads"/>
/// unless a code-faithful method reproduces the code's counter (docs/algorithms.md).</param>
/// <param name="Requests">Server-to-worker request messages so far (<see cref="ControlMessages"/>).</param>
/// <param name="RequestBytes">Their payload bytes.</param>
/// <param name="SkipNotices">Worker skip notices so far.</param>
/// <param name="SkipNoticeBytes">Their payload bytes.</param>
/// <param name="TestTop5Accuracy">Top-5 accuracy on the same set as <paramref name="TestAccuracy"/> when the run
/// reports it (<see cref="RunPlan.ReportTop5"/>), NaN otherwise.</param>
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
    double ObjectiveError,
    long CountedUploads = 0,
    long Requests = 0,
    long RequestBytes = 0,
    long SkipNotices = 0,
    long SkipNoticeBytes = 0,
    double TestTop5Accuracy = double.NaN)
{
    /// <summary>The payload bytes carried over every hop so far (issue 18's topologies; on the star the upload bytes,
    /// and metrics.csv writes the column only off the star), 0 when not recorded.</summary>
    public long CarriedBytes { get; init; }

    /// <summary>The control messages so far.</summary>
    public ControlMessages ControlMessages => new(Requests, RequestBytes, SkipNotices, SkipNoticeBytes);

    /// <summary>This row with <paramref name="messages"/> as its control-message totals.</summary>
    public MetricsRow WithControlMessages(ControlMessages messages) => this with
    {
        Requests = messages.Requests,
        RequestBytes = messages.RequestBytes,
        SkipNotices = messages.SkipNotices,
        SkipNoticeBytes = messages.SkipNoticeBytes,
    };
}
