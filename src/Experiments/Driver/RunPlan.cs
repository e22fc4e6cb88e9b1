using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>A fully resolved run: data already partitioned, model factory, methods, training length, stopping rules,
/// network and compute model. Scenario files resolve into this; tests may build one directly.</summary>
public sealed record RunPlan
{
    /// <summary>The run's name (results folder, reports).</summary>
    public required string Name { get; init; }

    /// <summary>The master seed: model initialisation and every worker's minibatch stream derive from it.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Each worker's training data.</summary>
    public required IReadOnlyList<Dataset> WorkerData { get; init; }

    /// <summary>A held-out test set, or null.</summary>
    public Dataset? TestData { get; init; }

    /// <summary>Training data on which the training loss is evaluated (null: the union of the workers' data).</summary>
    public Dataset? TrainEvaluationData { get; init; }

    /// <summary>Builds a fresh model (called once per method, after the seed is set, so every method starts equal).</summary>
    public required Func<SupervisedModel> CreateModel { get; init; }

    /// <summary>Whether the model trains in float64 (else float32).</summary>
    public bool DoublePrecision { get; init; }

    /// <summary>Whether the loss is a mean over the batch (cross-entropy) rather than a sum (the LAG losses).</summary>
    public bool LossIsMean { get; init; }

    /// <summary>The methods to compare.</summary>
    public required IReadOnlyList<AlgorithmSpec> Algorithms { get; init; }

    /// <summary>The most iterations each method runs.</summary>
    public required int Iterations { get; init; }

    /// <summary>Minibatch size per worker, or null for full-batch gradients.</summary>
    public int? BatchSize { get; init; }

    /// <summary>alpha of the summed update.</summary>
    public required double StepSize { get; init; }

    /// <summary>Per-worker smoothness constants L_m (convex models), or null.</summary>
    public IReadOnlyList<double>? Smoothness { get; init; }

    /// <summary>f* when known in closed form, for the objective-error column and stopping rule.</summary>
    public double? Optimum { get; init; }

    /// <summary>Stop when |f - f*| falls below this.</summary>
    public double? ObjectiveTolerance { get; init; }

    /// <summary>Stop when test accuracy (training accuracy without a test set) reaches this.</summary>
    public double? TargetAccuracy { get; init; }

    /// <summary>Which accuracy <see cref="TargetAccuracy"/> is compared with (top-1 unless the scenario says top5).</summary>
    public Scenarios.AccuracyMetric TargetAccuracyMetric { get; init; }

    /// <summary>Whether top-5 accuracy is evaluated and reported (metrics.csv's test_top5_accuracy column, summary.json,
    /// report.md and a plot); k is min(5, classes).</summary>
    public bool ReportTop5 { get; init; }

    /// <summary>How each worker's minibatches are augmented as they are drawn.</summary>
    public Scenarios.TrainingAugmentation Augmentation { get; init; }

    /// <summary>The crop's padding value per channel, as the normalisation maps a black pixel; empty for 0.</summary>
    public IReadOnlyList<double> AugmentationFill { get; init; } = [];

    /// <summary>Stop when the training loss falls to this.</summary>
    public double? TargetLoss { get; init; }

    /// <summary>Whether reaching <see cref="TargetAccuracy"/> or <see cref="TargetLoss"/> stops a method (default); when
    /// false the targets only mark the first evaluation point that reaches them in the report.</summary>
    public bool StopAtTarget { get; init; } = true;

    /// <summary>Evaluate every this many iterations (and at the start and the end).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>The star network.</summary>
    public required StarTopology Topology { get; init; }

    /// <summary>The round model (<c>network.topology</c>, issue 18): the star (default) or a hierarchy, sharded servers
    /// or a collective over <see cref="Topology"/>'s worker links. It changes time and bytes, never the learning.</summary>
    public TopologyPlan RoundTopology { get; init; } = TopologyPlan.Star;

    /// <summary>Ingress policy, broadcast mode and message sizes.</summary>
    public required ParameterServerOptions Network { get; init; }

    /// <summary>Each worker's uplink capacity over time (<c>network.linkTraces.uplink</c>), or null for the topology's
    /// fixed-rate uplinks.</summary>
    public IReadOnlyList<ICapacitySchedule>? UplinkCapacity { get; init; }

    /// <summary>Each worker's downlink capacity over time (<c>network.linkTraces.downlink</c>), or null for the
    /// topology's fixed-rate downlinks.</summary>
    public IReadOnlyList<ICapacitySchedule>? DownlinkCapacity { get; init; }

    /// <summary>When each worker is online (<c>availability</c>), or null for always.</summary>
    public IWorkerAvailability? Availability { get; init; }

    /// <summary>Builds the compute model (fresh per method, so straggler draws repeat identically).</summary>
    public required Func<ComputeModel> CreateCompute { get; init; }

    /// <summary>Modelled compute time per sample of one gradient evaluation.</summary>
    public SimTime CostPerSample { get; init; } = SimTime.FromNanoseconds(400);

    /// <summary>The wire encoding's name, or null for the default (dense32/dense64 by precision, coo for sparse).</summary>
    public string? Encoding { get; init; }

    /// <summary>The partition report as CSV, written with the results (empty when not applicable).</summary>
    public string PartitionCsv { get; init; } = string.Empty;

    /// <summary>The training protocol (<c>protocol</c>): synchronous rounds (the default), deadline rounds, or an
    /// asynchronous or buffered server.</summary>
    public Scenarios.ScenarioProtocol Protocol { get; init; } = Scenarios.ScenarioProtocol.Synchronous;

    /// <summary>Which decision files the results folder gets (<c>outputs.decisions</c>).</summary>
    public Scenarios.DecisionsFormat Decisions { get; init; }

    /// <summary>Partial participation: K of the M workers sampled each round; null for every worker every round.</summary>
    public Scenarios.ScenarioParticipation? Participation { get; init; }

}
