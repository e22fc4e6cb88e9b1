namespace Sasg.Experiments.Driver;

/// <summary>Everything one method's run produced.</summary>
/// <param name="Label">The method's label.</param>
/// <param name="Iterations">Iterations completed.</param>
/// <param name="Uploads">Uploads.</param>
/// <param name="UploadBytes">Encoded upload bytes.</param>
/// <param name="PaperBits">Bits as the papers count them.</param>
/// <param name="SimulatedSeconds">Simulated time at the end.</param>
/// <param name="Metrics">Evaluation points, first at iteration 0.</param>
/// <param name="Decisions">Every worker decision of every iteration.</param>
/// <param name="StopReason">Why the run ended: "iterations", "objective", "accuracy", "loss" or "diverged".</param>
/// <param name="Message">A sentence for the user when something went wrong (divergence), else empty.</param>
public sealed record AlgorithmResult(
    string Label,
    int Iterations,
    long Uploads,
    long UploadBytes,
    long PaperBits,
    double SimulatedSeconds,
    IReadOnlyList<MetricsRow> Metrics,
    IReadOnlyList<DecisionRow> Decisions,
    string StopReason,
    string Message)
{
    /// <summary>What the time-driven protocol did (staleness, losses, wasted bytes), or null for a synchronous run.</summary>
    public Protocols.ProtocolReport? Protocol { get; init; }
    /// <summary>The bytes of the per-worker state at the end of the run (stored messages, error memories, rule copies,
    /// upload buffers, minibatch samplers' native state): <see cref="Learning.Algorithms.SynchronousTrainer{T}.PerWorkerStateBytes"/>
    /// and the samplers' <see cref="Learning.Training.MinibatchSampler.NativeBytes"/>; 0 when not measured (a result
    /// read back from a folder).</summary>
    public long PerWorkerStateBytes { get; init; }

    /// <summary>The payload bytes carried over every hop of every round (NetSim's <c>RoundTiming.CarriedBytes</c>):
    /// the upload bytes on the star, more on a hierarchy that forwards or a collective (issue 18).</summary>
    public long CarriedBytes { get; init; }

    /// <summary>Whether the run stopped because it diverged (NaN/Inf loss or exploding parameters).</summary>
    public bool Diverged => StopReason == "diverged";

    /// <summary>The last evaluation point.</summary>
    public MetricsRow Final => Metrics[^1];

    /// <summary>Uploads as the authors' code counts them, at the end (<see cref="MetricsRow.CountedUploads"/>).</summary>
    public long CountedUploads => Final.CountedUploads;

    /// <summary>Requests and skip notices over the whole run (<see cref="Driver.ControlMessages"/>).</summary>
    public ControlMessages ControlMessages => Final.ControlMessages;
}
