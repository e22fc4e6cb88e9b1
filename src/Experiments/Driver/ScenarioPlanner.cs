using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Partitioning;
using static TorchSharp.torch;
using SeededRandom = Sasg.Learning.Randomness.SeededRandom;

namespace Sasg.Experiments.Driver;

/// <summary>Turns a parsed scenario into a runnable plan: loads and partitions the data, builds the model factory,
/// resolves the step size, the training length and the network.</summary>
/// <remarks>Problems that only show once data is loaded (too few samples for the workers, a model that does not fit
/// the data) become a <see cref="ScenarioException"/> naming the field.</remarks>
public static partial class ScenarioPlanner
{
    // The training loss of image runs is evaluated on at most this many training samples (the first ones of the
    // workers' union), so that an evaluation every 100 iterations stays cheap against the training itself.
    private const int TrainEvaluationLimit = 10_000;

    // Values (samples x features over the workers) above which planning collects the sets it read: 16 M values,
    // 128 MB as doubles (Fashion-MNIST's workers hold 47 M; the LAG problems a few thousand).
    private const long LargeDataValues = 16_000_000;

    /// <summary>The plan for <paramref name="scenario"/>.</summary>
    /// <exception cref="ScenarioException">The scenario cannot run on this data; the message names the field and the fix.</exception>
    /// <exception cref="DatasetNotFoundException">A dataset is not installed.</exception>
    public static RunPlan Plan(Scenario scenario, DatasetLocator? locator = null) => Plan(scenario, locator, null);

    /// <summary><see cref="Plan(Scenario, DatasetLocator?)"/> with CIFAR files of <paramref name="cifarRecordsPerFile"/>
    /// records each instead of the binary version's counts (tests write small files).</summary>
    internal static RunPlan Plan(Scenario scenario, DatasetLocator? locator, int? cifarRecordsPerFile)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        TimeVaryingPlanning.CheckSupported(scenario);
        var (workers, test, partitionCsv) = LoadData(scenario, locator ?? DatasetLocator.Default, cifarRecordsPerFile);

        // The whole sets just read (Fashion-MNIST's training images are 376 MB as doubles) are garbage now that the
        // workers have their shards: give their memory back before the run makes its tensors, instead of carrying
        // both to the run's peak. Only for large sets: a forced collection pauses every thread (a sweep plans its
        // groups while other cells replay), which small problems do not need to pay.
        if (workers.Sum(w => (long)w.Count * w.FeatureCount) > LargeDataValues)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        var model = scenario.Model;
        var first = workers[0];
        var classes = Math.Max(first.ClassCount, test?.ClassCount ?? 0);
        var features = first.FeatureCount;
        Func<SupervisedModel> create = model.Kind == ModelKind.TorchScript
            ? TorchScriptPlanning.CreateModel(scenario, first, classes)
            : CreateModel(scenario, features, first.SampleShape, classes);
        var doublePrecision = model.Precision == ModelPrecision.Float64;
        var convex = model.Kind is ModelKind.Linear or ModelKind.Logistic;
        IReadOnlyList<double>? smoothness = null;
        double total = double.NaN;
        if (convex)
        {
            (smoothness, total) = SmoothnessConstants.Compute(workers, model.Kind == ModelKind.Logistic ? model.Lambda : null);
        }

        var m = workers.Count;
        var step = scenario.Training.StepSize ?? (convex ? 1.0 / total : throw Problem(
            scenario, "$.training.stepSize", "\"1/L\" needs a linear or logistic model", "give a number, for example 0.005"));
        var alpha = scenario.Training.StepForm == StepForm.Mean ? step / m : step;
        var batch = scenario.Training.BatchSize;
        var iterations = scenario.Training.Iterations ?? ScenarioPlanLimits.IterationsOf(scenario, workers, batch);
        ScenarioPlanLimits.CheckModelSize(scenario, features, classes);
        ScenarioPlanLimits.CheckComputeCost(scenario, workers, iterations);
        int parameterCount;
        using (var probe = create())
        {
            parameterCount = (int)probe.parameters().Sum(p => p.numel());
        }

        CheckAlgorithms(scenario, m, smoothness);
        CheckAugmentation(scenario, first);
        var top5 = scenario.Evaluation.Top5 || scenario.Stop.AccuracyMetric == AccuracyMetric.Top5;
        if (top5 && (convex || classes < 2))
        {
            throw Problem(scenario, "$.evaluation.top5", "top-5 accuracy needs a model with one output per class", "use a softmax, mlp or cnn model on class labels, or remove \"top5\"");
        }

        var bytesPerParameter = doublePrecision ? 8 : 4;
        var (topology, options, compute) = BuildNetwork(scenario, m, (long)parameterCount * bytesPerParameter);
        var (uplinkCapacity, downlinkCapacity, availability) = TimeVaryingPlanning.Resolve(scenario, m);
        var roundTopology = PlanTopology(scenario, m, parameterCount);
        return new RunPlan
        {
            Name = scenario.Name,
            Seed = scenario.Seed,
            WorkerData = workers,
            TestData = scenario.Evaluation.TestSet ? test : null,
            TrainEvaluationData = convex ? null : ExperimentDriver.Union(workers, TrainEvaluationLimit),
            CreateModel = create,
            DoublePrecision = doublePrecision,
            LossIsMean = !convex,
            Algorithms = scenario.Algorithms
                .Where(a => a.RunsOn(scenario.Network.Topology.Kind))
                .Select(a => new AlgorithmSpec(a.Name, a.Label, a.Parameters))
                .ToList(),
            Iterations = iterations,
            BatchSize = batch,
            StepSize = alpha,
            Smoothness = smoothness,
            Optimum = Optimum(scenario, workers),
            ObjectiveTolerance = scenario.Stop.ObjectiveError,
            TargetAccuracy = scenario.Stop.TargetAccuracy,
            TargetAccuracyMetric = scenario.Stop.AccuracyMetric,
            ReportTop5 = top5,
            Augmentation = scenario.Training.Augmentation,
            AugmentationFill = ImageSourceLoader.PaddingFill(scenario, first),
            TargetLoss = scenario.Stop.TargetLoss,
            StopAtTarget = scenario.Stop.AtTarget,
            EvaluateEvery = scenario.Evaluation.Every,
            Topology = topology,
            RoundTopology = roundTopology,
            Network = options,
            CreateCompute = compute,
            UplinkCapacity = uplinkCapacity,
            DownlinkCapacity = downlinkCapacity,
            Availability = availability,
            CostPerSample = scenario.Compute.CostPerSample,
            Encoding = scenario.Network.Encoding,
            PartitionCsv = partitionCsv,
            Decisions = scenario.Outputs.Decisions,
            Protocol = scenario.Protocol,
            Participation = scenario.Participation,
        };
    }

    // Crop and flip move pixels within an image, so the samples must be images with channels, [C, H, W].
    private static void CheckAugmentation(Scenario scenario, Dataset data)
    {
        if (scenario.Training.Augmentation != TrainingAugmentation.None && data.SampleShape.Count != 3)
        {
            throw Problem(
                scenario,
                "$.training.augmentation",
                $"crop-flip needs images with channels [C, H, W], but the samples here are [{string.Join(", ", data.SampleShape)}]",
                "use image data with a convolutional model (\"model.kind\": \"cnn\"), or write \"augmentation\": \"none\"");
        }
    }

    // f* for the stopping rule and the objective-error column: closed form for least squares, Newton's method for
    // the (strongly convex, lambda > 0) logistic objective; none for the other models.
    private static double? Optimum(Scenario scenario, IReadOnlyList<Dataset> workers)
    {
        var model = scenario.Model;
        switch (model.Kind)
        {
            case ModelKind.Linear:
                return LeastSquaresOptimum.Compute(workers).Value;
            case ModelKind.Logistic when model.Lambda > 0:
                return LogisticOptimum.Compute(workers, model.Lambda).Value;
            case ModelKind.Logistic when scenario.Stop.ObjectiveError is not null:
                throw Problem(scenario, "$.stop.objectiveError", "f* of the logistic loss needs \"lambda\" > 0 (without it the minimum may not exist)", "set \"model.lambda\", for example 0.001, or use \"targetLoss\"");
            default:
                return null;
        }
    }

    /// <summary>Builds every method once on a four-parameter stand-in model, so that a bad parameter (a fraction
    /// above 1, a window of 0, LAG-PS without smoothness constants) is reported against the scenario before any
    /// data is trained on.</summary>
    private static void CheckAlgorithms(Scenario scenario, int workers, IReadOnlyList<double>? smoothness)
    {
        var problems = new List<ScenarioProblem>();
        var context = new AlgorithmContext(
            workers, 0.1, [new Sasg.Learning.Training.ParameterBlock("stand-in", 0, 4)], smoothness, scenario.Seed);
        foreach (var algorithm in scenario.Algorithms)
        {
            try
            {
                AlgorithmFactory.Create<double>(new AlgorithmSpec(algorithm.Name, algorithm.Label, algorithm.Parameters), context, new double[4]);
            }
            catch (ArgumentException ex)
            {
                problems.Add(new ScenarioProblem(
                    scenario.File, algorithm.JsonPath, ex.Message.Split(" (Parameter")[0], "fix or remove the parameter it names"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }
    }

    private static Func<SupervisedModel> CreateModel(Scenario scenario, int features, IReadOnlyList<int> sampleShape, int classes)
    {
        var model = scenario.Model;
        var dtype = model.Precision == ModelPrecision.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var needsClasses = model.Kind is ModelKind.Softmax or ModelKind.Mlp or ModelKind.Cnn or ModelKind.ResNet18 or ModelKind.ResNet20;
        if (needsClasses && classes < 2)
        {
            throw Problem(scenario, "$.model.kind", $"a {model.Kind} model needs class labels but the data has real targets",
                "use a linear or logistic model, or class labels (data.labels: \"class\")");
        }

        if (model.Kind == ModelKind.Cnn && features != 784)
        {
            throw Problem(scenario, "$.model.kind", $"the CNN takes 28x28 images but the data has {features} features",
                "use mlp or softmax for this data");
        }

        // The residual networks read a flat row as 3 x 32 x 32 values, channel by channel (CIFAR's own order).
        if (model.Kind is ModelKind.ResNet18 or ModelKind.ResNet20 && (features != 3 * 32 * 32 || sampleShape is [not 3, _, _]))
        {
            throw Problem(scenario, "$.model.kind", $"'{ScenarioWords.Models.WordOf(model.Kind)}' takes 3-channel 32x32 images but the data has samples of shape [{string.Join(", ", sampleShape)}]",
                "use a source of 3-channel 32x32 images (CIFAR), or mlp or softmax for this data");
        }

        return model.Kind switch
        {
            ModelKind.Linear => () => new LinearRegression(features, dtype),
            ModelKind.Logistic => () => new LogisticRegression(features, model.Lambda, dtype),
            ModelKind.Softmax => () => new SoftmaxRegression(features, classes, model.Lambda, dtype),
            ModelKind.Mlp => () => new Mlp([features, .. model.Hidden, classes], dtype),
            ModelKind.ResNet18 => () => new ResNet18(classes, dtype),
            ModelKind.ResNet20 => () => new ResNet20(classes, dtype),
            _ => () => new SmallCnn(classes, dtype),
        };
    }

    private static (IReadOnlyList<Dataset> Workers, Dataset? Test, string PartitionCsv) LoadData(
        Scenario scenario, DatasetLocator locator, int? cifarRecordsPerFile)
    {
        var data = scenario.Data;
        var seed = unchecked((ulong)scenario.Seed);
        switch (data.Source)
        {
            case DataSource.LagSynthetic:
                return (LagSyntheticProblem.CreateWorkers(data.Synthetic!.ToOptions(data.Workers, scenario.Seed)), null, string.Empty);
            case DataSource.LagUci:
                {
                    var uci = data.Uci!;
                    var logistic = scenario.Model.Kind == ModelKind.Logistic;
                    var labels = logistic ? uci.Labels : LabelKind.Target;
                    var sources = uci.Sets
                        .Select(name => uci.Path is { } folder
                            ? LagTextReader.ReadFolder(Path.Combine(Resolve(scenario, folder), name), labels)
                            : LagUci.Load(name, labels, locator))
                        .ToList();
                    if (logistic)
                    {
                        // The authors' logistic script truncates every set to the smallest feature count (34).
                        var width = sources.Min(s => s.FeatureCount);
                        sources = sources.Select(s => Truncate(s, width)).ToList();
                    }
                    else if (sources.Select(s => s.FeatureCount).Distinct().Count() > 1)
                    {
                        var width = sources.Max(s => s.FeatureCount);
                        sources = sources.Select(s => Pad(s, width)).ToList();
                    }

                    var partition = ScenarioPlanLimits.Split(
                        scenario,
                        "$.data.workersPerSet",
                        sources.Min(s => s.Count) >= uci.WorkersPerSet ? null : sources.MinBy(s => s.Count),
                        uci.WorkersPerSet,
                        () => AsGivenPartitioner.Consecutive(
                                sources.Select(s => s.Name).ToList(),
                                uci.WorkersPerSet,
                                uci.DropRemainder ? RemainderPolicy.Drop : RemainderPolicy.Spread)
                            .Split(sources, data.Workers, seed));
                    return (Shards(partition), null, PartitionReport.Of(partition).ToCsv());
                }

            case DataSource.FashionMnist or DataSource.MnistJson or DataSource.Mixed or DataSource.Cifar10 or DataSource.Cifar100:
                {
                    var layout = scenario.Model.Kind is ModelKind.Cnn or ModelKind.TorchScript or ModelKind.ResNet18 or ModelKind.ResNet20
                        ? ImageLayout.ChannelsRowsColumns
                        : ImageLayout.Flat;
                    var (trains, tests) = ImageSourceLoader.Load(scenario, layout, locator, cifarRecordsPerFile);

                    var partitioner = Partitioner(data.Partition ?? ScenarioPartition.Default);
                    var all = trains.Count == 1 ? trains[0] : null;
                    var partition = ScenarioPlanLimits.Split(
                        scenario,
                        "$.data.partition",
                        all is not null && all.Count < data.Workers ? all : null,
                        data.Workers,
                        () => trains.Count > 1
                            ? new BySourcePartitioner(partitioner).Split(trains, data.Workers, seed)
                            : partitioner.Split(trains[0], data.Workers, seed));
                    var testSet = tests.Count == 1 ? tests[0] : ExperimentDriver.Union(tests);
                    return (Shards(partition), testSet, PartitionReport.Of(partition).ToCsv());
                }

            default:
                {
                    var table = data.Table!;
                    var path = Resolve(scenario, table.Path);
                    var all = data.Source == DataSource.Csv
                        ? CsvTableReader.Read(path, table.Labels, new CsvTableOptions { HasHeader = table.HasHeader, LabelColumn = table.LabelColumn })
                        : LibSvmReader.Read(path, table.Labels);
                    Dataset? test = null;
                    if (table.TestFraction > 0)
                    {
                        var order = SeededRandom.Create(seed, "table/split").Permutation(all.Count);
                        var testCount = (int)Math.Round(all.Count * table.TestFraction);
                        test = all.Subset(order[..testCount], all.Name + "/test");
                        all = all.Subset(order[testCount..], all.Name + "/train");
                    }

                    var partition = ScenarioPlanLimits.Split(
                        scenario,
                        "$.data.partition",
                        all.Count < data.Workers ? all : null,
                        data.Workers,
                        () => Partitioner(data.Partition ?? ScenarioPartition.Default).Split(all, data.Workers, seed));
                    return (Shards(partition), test, PartitionReport.Of(partition).ToCsv());
                }
        }
    }

    private static IPartitioner Partitioner(ScenarioPartition partition) => partition.Kind switch
    {
        PartitionKind.SortedByLabel => new SortedByLabelPartitioner(partition.Remainder),
        PartitionKind.LabelSkew => new LabelSkewPartitioner(partition.ClassesPerWorker ?? 2),
        PartitionKind.Dirichlet => new DirichletPartitioner(partition.Alpha ?? 0.5),
        _ => new IidPartitioner(partition.Remainder),
    };

    private static List<Dataset> Shards(Partition partition) =>
        Enumerable.Range(0, partition.WorkerCount).Select(partition.DatasetFor).ToList();

    private static Dataset Truncate(Dataset data, int width)
    {
        if (data.FeatureCount == width)
        {
            return data;
        }

        var features = new double[data.Count * width];
        for (var i = 0; i < data.Count; i++)
        {
            data.Row(i)[..width].CopyTo(features.AsSpan(i * width, width));
        }

        return new Dataset(data.Name, data.Count, [width], features, data.Labels, data.ClassCount, data.Targets);
    }

    private static Dataset Pad(Dataset data, int width)
    {
        var features = new double[data.Count * width];
        for (var i = 0; i < data.Count; i++)
        {
            data.Row(i).CopyTo(features.AsSpan(i * width, data.FeatureCount));
        }

        return new Dataset(data.Name, data.Count, [width], features, data.Labels, data.ClassCount, data.Targets);
    }

    private static string Resolve(Scenario scenario, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(scenario.BaseDirectory ?? ".", path));

    internal static ScenarioException Problem(Scenario scenario, string path, string problem, string fix) =>
        new(new ScenarioProblem(scenario.File, path, problem, fix));
}
