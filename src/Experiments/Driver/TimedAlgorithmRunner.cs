using System.Globalization;
using System.Numerics;
using Sasg.Experiments.Protocols;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Training;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;
using Sasg.NetSim.Trace;
using static TorchSharp.torch;

namespace Sasg.Experiments.Driver;

/// <summary>One method's run under a time-driven protocol (deadline rounds, an asynchronous or a buffered server): a
/// NetSim protocol process on the event-driven network (<see cref="FlowNetwork"/>, with the plan's link capacity
/// schedules and worker availability) says when each worker receives the model, when its upload arrives or is lost,
/// and when the server updates; Learning's <see cref="TimedTrainer{T}"/> computes what happens then.</summary>
/// <remarks>An iteration is a server update: the run evaluates every <see cref="RunPlan.EvaluateEvery"/> updates and
/// ends after <see cref="RunPlan.Iterations"/> of them, at a target, or when the protocol can make no more (every
/// worker offline for good, or deadline rounds that accept nothing for <see cref="DeadlineRounds.StallLimit"/> rounds
/// in a row: the result says so). Metrics time is simulated time.</remarks>
internal sealed class TimedAlgorithmRunner<T>(
    RunPlan plan, AlgorithmSpec spec, ITraceSink? trace, Action<RunProgress>? progress, MethodRecord record, RunTensors tensors)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private ControlMessages _control;

    public AlgorithmResult Run()
    {
        var dtype = plan.DoublePrecision ? ScalarType.Float64 : ScalarType.Float32;
        FlatModel<T> created;
        lock (ExperimentDriver.ModelInitialisation)
        {
            manual_seed(plan.Seed);
            created = new FlatModel<T>(plan.CreateModel());
        }

        using var model = created;
        var state = new ModelState<T>(model);
        var workers = plan.WorkerData.Count;
        var (data, trainSet, testSet) = tensors.For(dtype, model.Model.TargetKind);
        var samplers = plan.BatchSize is { } batch
            ? data.Select((d, m) => new MinibatchSampler(d, batch, AlgorithmRunner<T>.WorkerSeed(plan, m), AlgorithmRunner<T>.AugmentationOf(plan, m))).ToList()
            : null;
        var sources = data.Select((d, m) => new ModelGradientSource<T>(state, d, samplers?[m])).ToList();
        try
        {
            var context = new AlgorithmContext(workers, plan.StepSize, model.Blocks, plan.Smoothness, plan.Seed);
            var algorithm = AlgorithmFactory.Create(spec, context, model.Parameters);
            var protocol = plan.Protocol;
            var trainer = new TimedTrainer<T>(
                algorithm, sources, AlgorithmRunner<T>.ChooseEncoding(plan, algorithm), Aggregation(protocol.Kind), protocol.Damping, protocol.Buffer ?? 1);
            var evaluator = new MethodEvaluator<T>(plan, spec, record, sources, state);
            return Loop(trainer, evaluator, trainSet, testSet);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
            samplers?.ForEach(s => s.Dispose());
        }
    }

    private AlgorithmResult Loop(TimedTrainer<T> trainer, MethodEvaluator<T> evaluator, TensorData trainSet, TensorData? testSet)
    {
        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, plan.Topology, plan.Network.Ingress, plan.UplinkCapacity, plan.DownlinkCapacity);
        var tracer = trace is null ? null : new FlowTracer(trace, network, ProtocolMessages.Of(plan.Network));
        var statistics = new ProtocolStatistics(plan.WorkerData.Count);
        var evaluations = AlgorithmFactory.EvaluationsPerStep(spec);
        var costs = plan.WorkerData
            .Select(d => SimTime.FromNanoseconds(checked(plan.CostPerSample.Nanoseconds * (plan.BatchSize ?? d.Count) * evaluations)))
            .ToArray();
        MethodTotals Totals() => new(trainer.Uploads, trainer.UploadBytes, trainer.PaperBits, trainer.Uploads, _control);

        var stop = evaluator.Evaluate(trainer.Algorithm, Totals(), trainSet, testSet, SimTime.Zero);
        var iteration = 0;
        bool Updated(int done)
        {
            iteration = done;
            var now = simulation.Now;
            tracer?.Updated(done, trainer.LastUpdate.Count > 0 ? trainer.LastUpdate.Max(m => m.Staleness) : 0);
            record.Completed(iteration, trainer.Uploads, trainer.UploadBytes, trainer.PaperBits, now.TotalSeconds);
            progress?.Invoke(new RunProgress(spec.Label, iteration, plan.Iterations, trainer.Uploads, now.TotalSeconds));
            if (iteration % plan.EvaluateEvery == 0 || iteration == plan.Iterations)
            {
                stop = evaluator.Evaluate(trainer.Algorithm, Totals(), trainSet, testSet, now);
            }

            return stop is null && iteration < plan.Iterations;
        }

        var learning = new LearningProtocolPlan<T>(trainer, costs, simulation, statistics, Updated, Decided, spec.Label);
        var summary = stop is null && plan.Iterations > 0
            ? Process(network).Run(learning)
            : new ProtocolRunSummary(ProtocolOutcome.Stopped, 0, 0, SimTime.Zero);
        var end = iteration > 0 ? LastUpdateTime(statistics, summary) : summary.End;
        if (plan.Availability is { } availability)
        {
            tracer?.WriteOffline(availability, summary.End);
        }

        if (record.Metrics[^1].Iteration != iteration)
        {
            evaluator.Evaluate(trainer.Algorithm, Totals(), trainSet, testSet, end);
        }

        var (reason, message) = Ending(stop, summary, iteration);
        var report = statistics.Report(ScenarioWords.Protocols.WordOf(plan.Protocol.Kind), summary.EmptyRounds, summary.Outcome);
        var result = new AlgorithmResult(
            spec.Label, iteration, trainer.Uploads, trainer.UploadBytes, trainer.PaperBits, end.TotalSeconds, record.Metrics, record.Decisions, reason, message)
        {
            Protocol = report,
        };
        record.Finish(result);
        return result;
    }

    private void Decided(DecisionRow row)
    {
        record.AddDecision(row);
        _control += ControlMessages.Of(row, plan.Network);
    }

    // The time of the last update: the run's simulated time (the process may run on a little while workers drain).
    private static SimTime LastUpdateTime(ProtocolStatistics statistics, ProtocolRunSummary summary) =>
        statistics.LastUpdate ?? summary.End;

    private (string Reason, string Message) Ending(string? stop, ProtocolRunSummary summary, int iteration)
    {
        if (stop == "diverged")
        {
            return (stop, $"{spec.Label} diverged at update {iteration} (loss {record.Metrics[^1].TrainLoss.ToString(CultureInfo.InvariantCulture)}); try a smaller step size.");
        }

        if (stop is not null || iteration >= plan.Iterations)
        {
            return (stop ?? "iterations", string.Empty);
        }

        var rounds = summary.EmptyRounds.ToString(CultureInfo.InvariantCulture);
        var why = summary.Outcome == ProtocolOutcome.Stalled
            ? $"{rounds} deadline rounds in a row closed with no upload in"
            : "no worker will be online again";
        return iteration == 0
            ? ("stalled", $"{spec.Label}: no update ever reached the server ({why}); the run stops. Give a longer protocol.deadline, or check the workers' availability and links.")
            : ("stalled", $"{spec.Label} stopped after {iteration.ToString(CultureInfo.InvariantCulture)} updates: {why}.");
    }

    private static TimedAggregation Aggregation(ProtocolKind kind) => kind switch
    {
        ProtocolKind.Deadline => TimedAggregation.Deadline,
        ProtocolKind.Buffered => TimedAggregation.Buffered,
        _ => TimedAggregation.Asynchronous,
    };

    private IProtocolProcess Process(FlowNetwork network)
    {
        var compute = plan.CreateCompute();
        var messages = ProtocolMessages.Of(plan.Network);
        var protocol = plan.Protocol;
        return protocol.Kind switch
        {
            ProtocolKind.Deadline => new DeadlineRounds(
                network,
                compute,
                messages,
                new DeadlineRule(protocol.Deadline, protocol.Fastest, protocol.OverSelect > 0 ? plan.WorkerData.Count - protocol.OverSelect : null, protocol.Late == LateUploads.Stale),
                plan.Availability,
                plan.Network.AggregationTime),
            _ => new FreeRunningServer(network, compute, messages, protocol.Buffer ?? 1, plan.Availability, plan.Network.AggregationTime),
        };
    }
}
