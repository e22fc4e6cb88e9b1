using System.Numerics;
using Sasg.Experiments.Driver;
using Sasg.Learning.Algorithms;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.Experiments.Protocols;

/// <summary>Couples a NetSim protocol process to Learning's <see cref="TimedTrainer{T}"/>: when a worker receives the
/// model it really steps at it (the server's model of that instant), its encoded upload's length is what its link
/// carries, an arrival delivers (and, without rounds, reports) its message, a loss drops it, and each server update is
/// counted, evaluated and may stop the run.</summary>
/// <remarks>The compute time charged is modelled (<paramref name="costPerStep"/>, scaled by NetSim's compute model), never
/// the wall-clock time of the TorchSharp call, so runs are deterministic.</remarks>
internal sealed class LearningProtocolPlan<T>(
    TimedTrainer<T> trainer,
    IReadOnlyList<SimTime> costPerStep,
    Simulation simulation,
    ProtocolStatistics statistics,
    Func<int, bool> updated,
    Action<DecisionRow> decided,
    string label)
    : IProtocolPlan
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool _counted = true;

    /// <summary>Whether the run stops: no worker starts another turn, and the next update ends the process.</summary>
    public bool Stopping { get; private set; }

    /// <inheritdoc/>
    public WorkerAction Start(int worker)
    {
        if (Stopping)
        {
            return WorkerAction.Idle;
        }

        var version = trainer.Algorithm.Iteration;
        var outcome = trainer.Step(worker);
        var cost = costPerStep[worker];
        decided(new DecisionRow(
            label,
            version,
            worker,
            outcome.Decision switch { WorkerDecision.Upload => "upload", WorkerDecision.Skip => "skip", _ => "not-requested" },
            outcome.UploadBytes,
            outcome.Decision == WorkerDecision.NotRequested ? 0 : cost.Nanoseconds,
            outcome.Requested));
        if (outcome.Decision == WorkerDecision.NotRequested)
        {
            return WorkerAction.Idle;
        }

        statistics.Started(worker);
        return outcome.Decision == WorkerDecision.Upload
            ? WorkerAction.Upload(DataSize.FromBytes(outcome.UploadBytes), cost, needsServerRequest: outcome.Requested)
            : WorkerAction.Skip(cost);
    }

    /// <inheritdoc/>
    public void Delivered(int worker, Transfer message)
    {
        ArgumentNullException.ThrowIfNull(message);
        statistics.Delivered(worker, message);
        if (message.Kind == TransferKind.Upload)
        {
            trainer.Deliver(worker);
        }

        if (trainer.Aggregation == TimedAggregation.Deadline)
        {
            return;
        }

        var updatedNow = trainer.Report(worker);
        _counted = trainer.LastReportCounted;
        if (updatedNow)
        {
            Applied();
        }
    }

    /// <inheritdoc/>
    /// <remarks>The trainer decides: a report that added no message (the worker had none yet) is not an arrival, so
    /// the server's update count, its aggregation waits and its stop follow the trainer's updates.</remarks>
    public bool Counts(int worker) => _counted;

    /// <inheritdoc/>
    public void Lost(int worker, WorkLoss reason, long wastedBytes)
    {
        statistics.Lost(worker, reason, wastedBytes);
        if (trainer.HasUploadInFlight(worker))
        {
            trainer.Drop(worker);
        }
    }

    /// <inheritdoc/>
    public bool Update(IReadOnlyList<int> workers)
    {
        if (trainer.Aggregation == TimedAggregation.Deadline)
        {
            trainer.FinishRound();
            Applied();
        }

        return !Stopping;
    }

    // The trainer made an update: count it, let the runner evaluate it and decide whether to stop.
    private void Applied()
    {
        statistics.Applied(trainer.LastUpdate, simulation.Now);
        if (!updated(trainer.Algorithm.Iteration))
        {
            Stopping = true;
        }
    }
}
