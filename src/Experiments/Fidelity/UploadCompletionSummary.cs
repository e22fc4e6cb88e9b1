using Sasg.NetSim.Network;

namespace Sasg.Experiments.Fidelity;

/// <summary>Push traffic, upload by upload: the error of each simulated upload's completion (not just the iteration's
/// end) under one ingress policy, for uploads of at least 160 KiB.</summary>
/// <param name="Configuration">The emulated network (push).</param>
/// <param name="Policy">The simulated ingress policy (<see cref="IngressPolicy.FairShare"/> or
/// <see cref="IngressPolicy.SequentialPush"/>), with the wire link model.</param>
/// <param name="Count">The number of uploads (all passes).</param>
/// <param name="MedianAbsoluteError">The median of |error| of the completion times.</param>
/// <param name="P95AbsoluteError">The 95th percentile of |error|.</param>
/// <param name="MedianError">The median signed error.</param>
/// <param name="MeanCompletionError">The error of the mean completion time over all these uploads.</param>
public sealed record UploadCompletionSummary(
    FidelityConfiguration Configuration,
    IngressPolicy Policy,
    int Count,
    double MedianAbsoluteError,
    double P95AbsoluteError,
    double MedianError,
    double MeanCompletionError);
