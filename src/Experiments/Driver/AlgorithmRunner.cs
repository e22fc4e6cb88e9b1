using System.Numerics;
using Sasg.Experiments.Replay;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Training;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;
using Sasg.NetSim.Trace;
using static TorchSharp.torch;

namespace Sasg.Experiments.Driver;

/// <summary>One method's run: real gradients decide every upload, NetSim's parameter-server round decides time.</summary>
/// <remarks>Every evaluation point, decision and completed iteration goes into <c>record</c> as it happens, so that a
/// checkpoint, or a run that fails, has what was computed up to then.</remarks>
internal sealed class AlgorithmRunner<T>(
    RunPlan plan, AlgorithmSpec spec, ITraceSink? trace, Action<RunProgress>? progress, MethodRecord record, RunTensors tensors)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private List<ModelGradientSource<T>>? _sources;
    private List<MinibatchSampler>? _samplers;

    // Requests and skip notices so far, counted from the decisions handed to NetSim (ControlMessages.Of).
    private ControlMessages _control;

    // Payload bytes carried over every hop so far (RoundTiming.CarriedBytes, summed).
    private long _carried;

    public AlgorithmResult Run()
    {
        var dtype = plan.DoublePrecision ? ScalarType.Float64 : ScalarType.Float32;
        FlatModel<T> created;
        lock (ExperimentDriver.ModelInitialisation)
        {
            // The seed is process-wide in TorchSharp: cells of a sweep that run in parallel must not interleave
            // between seeding and drawing the initial weights.
            manual_seed(plan.Seed);
            created = new FlatModel<T>(plan.CreateModel());
        }

        using var model = created;
        var state = new ModelState<T>(model);
        var workers = plan.WorkerData.Count;
        var (data, trainSet, testSet) = tensors.For(dtype, model.Model.TargetKind);
        var samplers = plan.BatchSize is { } batch
            ? data.Select((d, m) => new MinibatchSampler(d, batch, WorkerSeed(plan, m), AugmentationOf(plan, m))).ToList()
            : null;
        var sources = data.Select((d, m) => new ModelGradientSource<T>(state, d, samplers?[m])).ToList();
        _sources = sources;
        _samplers = samplers;
        try
        {
            var context = new AlgorithmContext(workers, plan.StepSize, model.Blocks, plan.Smoothness, plan.Seed);
            var algorithm = AlgorithmFactory.Create(spec, context, model.Parameters);
            var partial = plan.Participation is { } participation
                ? new ParticipationSampler(participation, workers, plan.Seed, plan.Availability)
                : null;
            var encoding = ChooseEncoding(plan, algorithm);
            // One pooled upload buffer, written while it is still in cache, rather than one per worker (a dense
            // upload's gradient written into a cold 1.6 MB array took the MLP's step about a fifth longer), unless the
            // round's topology sizes its messages from the workers' uploads after their steps.
            var trainer = new SynchronousTrainer<T>(algorithm, sources, encoding)
            {
                ReleaseAfterStep = partial is not null || !SizesMessagesFromUploads(plan),
            };
            var evaluations = AlgorithmFactory.EvaluationsPerStep(spec);
            var costs = plan.WorkerData
                .Select(d => SimTime.FromNanoseconds(checked(plan.CostPerSample.Nanoseconds * (plan.BatchSize ?? d.Count) * evaluations)))
                .ToArray();
            // A sampled worker's minibatch is freed after its step: it may not step again for many rounds.
            var roundPlan = new LearningRoundPlan<T>(trainer, costs, partial, worker => sources[worker].ReleaseBatch());
            var sizes = new PayloadMessageSizes<T>(encoding, algorithm.Dimension, plan.Network.ModelSize.Bytes, roundPlan.UploadOf);
            var network = RoundNetwork(plan, algorithm.UploadKind == PayloadKind.Sparse, sizes, trace);
            return Loop(trainer, roundPlan, network, state, trainSet, testSet);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
            samplers?.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Whether <paramref name="plan"/>'s round topology reads the workers' upload payloads after their steps
    /// (a hierarchical or sharded round sizes merged and sliced messages from them, through
    /// <see cref="PayloadMessageSizes{T}"/>); no other round does, so the trainer may pool the payloads.</summary>
    internal static bool SizesMessagesFromUploads(RunPlan plan) =>
        plan.RoundTopology.Kind is Scenarios.TopologyKind.Hierarchical or Scenarios.TopologyKind.Sharded;

    /// <summary>The round model of <paramref name="plan"/>'s topology. The learning is the star's whatever the
    /// topology: the server's arithmetic runs in worker order as the workers are asked; the topology changes only the
    /// time a round takes and the bytes it carries.</summary>
    internal static IRoundNetwork RoundNetwork(RunPlan plan, bool sparsePayloads, IMessageSizes sizes, ITraceSink? trace)
    {
        var compute = plan.CreateCompute();
        switch (plan.RoundTopology.Kind)
        {
            case Scenarios.TopologyKind.Hierarchical:
                return new HierarchicalRound(plan.Topology, plan.RoundTopology.Layout!, compute, plan.Network, sizes, trace);
            case Scenarios.TopologyKind.Sharded:
                return new ShardedRound(plan.Topology, plan.RoundTopology.ServerIngress, compute, plan.Network, sizes, trace);
            case Scenarios.TopologyKind.Ring or Scenarios.TopologyKind.Tree:
                var kind = plan.RoundTopology.Kind == Scenarios.TopologyKind.Ring ? CollectiveKind.Ring : CollectiveKind.Tree;
                return new CollectiveRound(plan.Topology, kind, TopologyPlan.OperationFor(sparsePayloads), compute, plan.Network, trace);
            default:
                // Link traces need the event-driven round; on fixed links the closed form gives the same times, faster.
                return plan.UplinkCapacity is null && plan.DownlinkCapacity is null
                    ? new ParameterServerRound(plan.Topology, compute, plan.Network, trace)
                    : new EventDrivenRound(plan.Topology, compute, plan.Network, plan.UplinkCapacity, plan.DownlinkCapacity, trace: trace);
        }
    }

    private AlgorithmResult Loop(
        SynchronousTrainer<T> trainer,
        LearningRoundPlan<T> roundPlan,
        IRoundNetwork network,
        ModelState<T> state,
        TensorData trainSet,
        TensorData? testSet)
    {
        var metrics = record.Metrics;
        var now = SimTime.Zero;
        var stop = Evaluate(trainer, state, trainSet, testSet, now);
        var iteration = 0;
        while (stop is null && iteration < plan.Iterations)
        {
            roundPlan.RoundStart = now;
            var timing = network.RunRound(iteration, now, roundPlan);
            now = timing.End;
            _carried += timing.CarriedBytes.Bytes;
            trainer.FinishIteration();
            foreach (var outcome in roundPlan.Outcomes)
            {
                var kind = KindOf(outcome.Decision);
                var cost = kind is DecisionKind.NotRequested or DecisionKind.NotSampled ? 0 : CostOf(outcome.Worker);
                record.AddDecision(iteration, outcome.Worker, kind, outcome.UploadBytes, cost, outcome.Requested);
                _control += ControlMessages.Of(kind, outcome.Requested, plan.Network);
            }

            iteration++;
            record.Completed(iteration, trainer.Uploads, trainer.UploadBytes, trainer.PaperBits, now.TotalSeconds);
            progress?.Invoke(new RunProgress(spec.Label, iteration, plan.Iterations, trainer.Uploads, now.TotalSeconds));
            // Divergence is caught at evaluation points (a non-finite loss or exploded parameters); scanning every
            // parameter every iteration would cost a pass over the model per iteration.
            if (iteration % plan.EvaluateEvery == 0 || iteration == plan.Iterations)
            {
                stop = Evaluate(trainer, state, trainSet, testSet, now);
            }
        }

        if (metrics[^1].Iteration != iteration)
        {
            Evaluate(trainer, state, trainSet, testSet, now);
        }

        var reason = stop ?? "iterations";
        var message = reason == "diverged"
            ? $"{spec.Label} diverged at iteration {iteration} (loss {metrics[^1].TrainLoss}); try a smaller step size."
            : string.Empty;
        var result = new AlgorithmResult(
            spec.Label, iteration, trainer.Uploads, trainer.UploadBytes, trainer.PaperBits, now.TotalSeconds, metrics, record.Decisions, reason, message)
        {
            PerWorkerStateBytes = trainer.PerWorkerStateBytes + (_samplers?.Sum(s => s.NativeBytes) ?? 0),
            CarriedBytes = _carried,
        };
        record.Finish(result);
        return result;
    }

    private string? Evaluate(
        SynchronousTrainer<T> trainer, ModelState<T> state, TensorData trainSet, TensorData? testSet, SimTime now) =>
        new MethodEvaluator<T>(plan, spec, record, _sources!, state).Evaluate(
            trainer.Algorithm,
            new MethodTotals(
                trainer.Uploads,
                trainer.UploadBytes,
                trainer.PaperBits,
                trainer.CountedUploads,
                _control,
                plan.RoundTopology.Kind == Scenarios.TopologyKind.Star ? 0 : _carried), // rows of star runs as before
            trainSet,
            testSet,
            now);

    internal static IWireEncoding ChooseEncoding(RunPlan plan, DistributedAlgorithm<T> algorithm)
    {
        if (plan.Encoding is { } name && !string.Equals(name, "default", StringComparison.OrdinalIgnoreCase))
        {
            return WireEncodings.ByName(name);
        }

        if (algorithm.DefaultEncoding is { } own)
        {
            return own;
        }

        return algorithm.UploadKind == PayloadKind.Sparse ? new SparseCooEncoding()
            : plan.DoublePrecision ? new DenseFloat64Encoding()
            : new DenseFloat32Encoding();
    }

    private long CostOf(int worker) =>
        plan.CostPerSample.Nanoseconds * (plan.BatchSize ?? plan.WorkerData[worker].Count) * AlgorithmFactory.EvaluationsPerStep(spec);

    // Worker m's crop-and-flip draws depend only on (scenario seed, m, epoch): CropFlipAugmentation's remarks.
    internal static CropFlipAugmentation? AugmentationOf(RunPlan plan, int worker) => plan.Augmentation == Scenarios.TrainingAugmentation.CropFlip
        ? new CropFlipAugmentation(plan.Seed, worker, plan.AugmentationFill)
        : null;

    internal static long WorkerSeed(RunPlan plan, int worker) => unchecked((plan.Seed * 1_000_003) + (worker * 7_919) + 17);

    private static DecisionKind KindOf(WorkerDecision decision) => decision switch
    {
        WorkerDecision.Upload => DecisionKind.Upload,
        WorkerDecision.Skip => DecisionKind.Skip,
        WorkerDecision.NotSampled => DecisionKind.NotSampled,
        _ => DecisionKind.NotRequested,
    };
}
