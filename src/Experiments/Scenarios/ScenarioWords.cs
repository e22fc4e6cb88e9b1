using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Partitioning;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>The words each enumerated scenario field accepts, in the order the docs list them.</summary>
internal static class ScenarioWords
{
    public static ScenarioWordList<DataSource> Sources { get; } = new(
        ("lag-synthetic", DataSource.LagSynthetic),
        ("lag-uci", DataSource.LagUci),
        ("fashion-mnist", DataSource.FashionMnist),
        ("mnist-json", DataSource.MnistJson),
        ("cifar10", DataSource.Cifar10),
        ("cifar100", DataSource.Cifar100),
        ("mixed", DataSource.Mixed),
        ("csv", DataSource.Csv),
        ("libsvm", DataSource.Libsvm));

    public static ScenarioWordList<DataSource> ImageSources { get; } = new(
        ("fashion-mnist", DataSource.FashionMnist),
        ("mnist-json", DataSource.MnistJson),
        ("cifar10", DataSource.Cifar10),
        ("cifar100", DataSource.Cifar100));

    /// <summary>Which CIFAR-100 label byte a scenario keeps (<c>data.labels</c> of cifar100).</summary>
    public static ScenarioWordList<CifarLabels> CifarLabelWords { get; } = new(("fine", CifarLabels.Fine), ("coarse", CifarLabels.Coarse));

    public static ScenarioWordList<PartitionKind> Partitions { get; } = new(
        ("iid", PartitionKind.Iid),
        ("sorted-by-label", PartitionKind.SortedByLabel),
        ("label-skew", PartitionKind.LabelSkew),
        ("dirichlet", PartitionKind.Dirichlet));

    public static ScenarioWordList<RemainderPolicy> Remainders { get; } = new(
        ("spread", RemainderPolicy.Spread),
        ("drop", RemainderPolicy.Drop));

    public static ScenarioWordList<ImageNormalization> Normalizations { get; } = new(
        ("none", ImageNormalization.None),
        ("mnist", ImageNormalization.Mnist),
        ("standardize", ImageNormalization.Standardize),
        ("cifar10", ImageNormalization.Cifar10),
        ("cifar100", ImageNormalization.Cifar100),
        ("dataset", ImageNormalization.Dataset));

    public static ScenarioWordList<TrainingAugmentation> Augmentations { get; } = new(
        ("none", TrainingAugmentation.None),
        ("crop-flip", TrainingAugmentation.CropFlip));

    public static ScenarioWordList<AccuracyMetric> AccuracyMetrics { get; } = new(
        ("top1", AccuracyMetric.Top1),
        ("top5", AccuracyMetric.Top5));

    public static ScenarioWordList<LabelKind> Labels { get; } = new(
        ("target", LabelKind.Target),
        ("class", LabelKind.Class),
        ("sign", LabelKind.SignedBinary),
        ("binary", LabelKind.Binary));

    public static ScenarioWordList<LabelKind> SyntheticLabels { get; } = new(
        ("target", LabelKind.Target), ("sign", LabelKind.SignedBinary), ("as-stored", LabelKind.AsStored));

    /// <summary>How lag-uci reads the logistic sets' labels: mapped to -1/+1, or as the files store them.</summary>
    public static ScenarioWordList<LabelKind> UciLabels { get; } = new(("sign", LabelKind.SignedBinary), ("as-stored", LabelKind.AsStored));

    public static ScenarioWordList<ModelKind> Models { get; } = new(
        ("linear", ModelKind.Linear),
        ("logistic", ModelKind.Logistic),
        ("softmax", ModelKind.Softmax),
        ("mlp", ModelKind.Mlp),
        ("cnn", ModelKind.Cnn),
        ("resnet18", ModelKind.ResNet18),
        ("resnet20", ModelKind.ResNet20),
        ("torchscript", ModelKind.TorchScript));

    public static ScenarioWordList<TorchScriptLoss> TorchScriptLosses { get; } = new(
        ("cross-entropy", TorchScriptLoss.CrossEntropy),
        ("mse", TorchScriptLoss.MeanSquaredError));

    public static ScenarioWordList<ModelPrecision> Precisions { get; } = new(
        ("float32", ModelPrecision.Float32),
        ("float64", ModelPrecision.Float64));

    public static ScenarioWordList<StepForm> StepForms { get; } = new(
        ("sum", StepForm.Sum),
        ("mean", StepForm.Mean));

    public static ScenarioWordList<IngressPolicy> Ingress { get; } = new(
        ("sequential-push", IngressPolicy.SequentialPush),
        ("sequential-pull", IngressPolicy.SequentialPull),
        ("fair-share", IngressPolicy.FairShare),
        ("unlimited", IngressPolicy.Unlimited));

    public static ScenarioWordList<BroadcastMode> Broadcasts { get; } = new(
        ("parallel", BroadcastMode.Parallel),
        ("sequential", BroadcastMode.Sequential),
        ("binomial-tree", BroadcastMode.BinomialTree));

    public static ScenarioWordList<ProtocolKind> Protocols { get; } = new(
        ("synchronous", ProtocolKind.Synchronous),
        ("deadline", ProtocolKind.Deadline),
        ("asynchronous", ProtocolKind.Asynchronous),
        ("buffered", ProtocolKind.Buffered));

    public static ScenarioWordList<LateUploads> LateUploadWords { get; } = new(("drop", LateUploads.Drop), ("stale", LateUploads.Stale));

    public static ScenarioWordList<StalenessDamping> Dampings { get; } = new(
        ("none", StalenessDamping.None),
        ("inverse", StalenessDamping.Inverse),
        ("inverse-sqrt", StalenessDamping.InverseSquareRoot));

    /// <summary>The words of <c>network.topology.kind</c> (issue 18).</summary>
    public static ScenarioWordList<TopologyKind> TopologyKinds { get; } = new(
        ("star", TopologyKind.Star),
        ("hierarchical", TopologyKind.Hierarchical),
        ("sharded", TopologyKind.Sharded),
        ("ring", TopologyKind.Ring),
        ("tree", TopologyKind.Tree));

    /// <summary>The words of <c>network.topology.assignment</c>.</summary>
    public static ScenarioWordList<GroupAssignment> GroupAssignments { get; } = new(
        ("contiguous", GroupAssignment.Contiguous), ("seeded", GroupAssignment.Seeded));

    /// <summary>The words of <c>network.topology.forward</c>.</summary>
    public static ScenarioWordList<ForwardMode> ForwardModes { get; } = new(("merged", ForwardMode.Merged), ("each", ForwardMode.Each));

    /// <summary>The algorithm names in their canonical spelling (matched case-insensitively).</summary>
    public static IReadOnlyList<string> Algorithms { get; } =
    [
        "GD", "SGD", "LAG-WK", "LAG-PS", "Cyc-IAG", "Num-IAG", "LASG-WK2", "LASG-SASG", "LASG-PS", "Top-k", "SASG",
        "QSGD", "Sign-SGD", "Random-k", "LAQ",
    ];

    /// <summary>The words of <c>outputs.decisions</c>: which decision files a run writes.</summary>
    public static ScenarioWordList<DecisionsFormat> DecisionsFormats { get; } = new(
        ("auto", DecisionsFormat.Auto),
        ("csv", DecisionsFormat.Csv),
        ("parquet", DecisionsFormat.Parquet),
        ("both", DecisionsFormat.Both));

    /// <summary>The words of <c>participation.among</c>.</summary>
    public static ScenarioWordList<ParticipationPool> ParticipationPools { get; } = new(
        ("all", ParticipationPool.All),
        ("available", ParticipationPool.Available));

    /// <summary>The names of the LAG UCI sets.</summary>
    public static IReadOnlyList<string> UciSets { get; } = [.. LagUci.RegressionSets, .. LagUci.LogisticSets];

    /// <summary>The dotted paths of the scalar fields a sweep may vary (besides algorithm parameters).</summary>
    public static IReadOnlyList<string> SweepPaths { get; } =
    [
        "seed",
        "data.workers", "data.base", "data.samples", "data.features", "data.gaussianColumns", "data.workersPerSet",
        "data.dropRemainder", "data.normalize", "data.trainSamples", "data.testSamples", "data.labels",
        "data.labelColumn", "data.hasHeader", "data.testFraction",
        "data.partition.kind", "data.partition.classesPerWorker", "data.partition.alpha", "data.partition.remainder",
        "model.kind", "model.lambda", "model.precision",
        "training.iterations", "training.epochs", "training.batchSize", "training.stepSize", "training.stepForm",
        "stop.objectiveError", "stop.targetAccuracy", "stop.targetLoss",
        "evaluation.every", "evaluation.testSet",
        "network.uplink", "network.downlink", "network.latency", "network.serverIngress", "network.ingress",
        "network.broadcast", "network.headerBytes", "network.requestBytes", "network.skipNoticeBytes",
        "network.encoding", "network.topology.kind", "network.topology.groups", "network.topology.servers",
        "network.topology.forward",
        "compute.costPerSample", "compute.straggler",
        "protocol.kind", "protocol.deadline", "protocol.overSelect", "protocol.late", "protocol.buffer", "protocol.damping",
    ];
}
