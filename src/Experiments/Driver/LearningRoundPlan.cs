using System.Numerics;
using Sasg.Learning.Algorithms;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>Couples NetSim's parameter-server round to Learning's trainer: when the round asks what worker m does,
/// the worker really computes its gradient(s) and the algorithm decides, and the encoded upload's length is what the
/// link carries.</summary>
/// <remarks>The compute time charged is modelled (each worker's cost per step, which NetSim's compute model scales by
/// the worker's speed and straggler noise), never the wall-clock time of the TorchSharp call, so runs are
/// deterministic.</remarks>
internal sealed class LearningRoundPlan<T>(SynchronousTrainer<T> trainer, IReadOnlyList<SimTime> costPerStep)
    : IRoundPlan
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<WorkerOutcome> _outcomes = [];

    /// <summary>What each worker did in the current round, in the order NetSim asked.</summary>
    public IReadOnlyList<WorkerOutcome> Outcomes => _outcomes;

    /// <inheritdoc/>
    public WorkerAction Decide(int round, int worker)
    {
        if (worker == 0)
        {
            _outcomes.Clear();
        }

        var outcome = trainer.StepWorker(worker);
        _outcomes.Add(outcome);
        return outcome.Decision switch
        {
            WorkerDecision.Upload => WorkerAction.Upload(
                DataSize.FromBytes(outcome.UploadBytes),
                costPerStep[worker],
                needsServerRequest: outcome.Requested),
            WorkerDecision.Skip => WorkerAction.Skip(costPerStep[worker]),
            _ => WorkerAction.Idle,
        };
    }
}
