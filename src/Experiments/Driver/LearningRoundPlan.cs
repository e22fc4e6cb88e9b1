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
/// deterministic. Under partial participation the round's sample is drawn when worker 0 is asked; a worker outside it
/// is idle (<see cref="SynchronousTrainer{T}.NotSampled"/>), and <paramref name="afterStep"/> runs after each sampled
/// worker's step.</remarks>
internal sealed class LearningRoundPlan<T>(
    SynchronousTrainer<T> trainer,
    IReadOnlyList<SimTime> costPerStep,
    ParticipationSampler? participation = null,
    Action<int>? afterStep = null)
    : IRoundPlan
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<WorkerOutcome> _outcomes = [];
    private bool[] _uploaded = [];
    private int _round = -1;

    /// <summary>What each worker did in the current round, in the order NetSim asked.</summary>
    public IReadOnlyList<WorkerOutcome> Outcomes => _outcomes;

    /// <summary>When the round about to be asked starts (the time at which "available" sampling looks).</summary>
    public SimTime RoundStart { get; set; }

    /// <summary>The payload <paramref name="worker"/> uploaded in <paramref name="round"/>, the round last asked, or
    /// null when it did not upload in it (what a topology's merged and sliced messages are made of).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="round"/> is not the round last asked.</exception>
    public Learning.Encoding.Payload<T>? UploadOf(int round, int worker)
    {
        if (round != _round)
        {
            throw new InvalidOperationException($"The uploads of round {round} were asked for during round {_round}.");
        }

        return worker < _uploaded.Length && _uploaded[worker] ? trainer.UploadOf(worker) : null;
    }

    /// <inheritdoc/>
    public WorkerAction Decide(int round, int worker)
    {
        if (worker == 0)
        {
            _outcomes.Clear();
            participation?.Sample(round, RoundStart.Nanoseconds);
        }

        if (round != _round)
        {
            _round = round;
            if (_uploaded.Length < costPerStep.Count)
            {
                _uploaded = new bool[costPerStep.Count];
            }

            Array.Clear(_uploaded);
        }

        WorkerOutcome outcome;
        if (participation is null)
        {
            outcome = trainer.StepWorker(worker);
        }
        else if (participation.Contains(worker))
        {
            outcome = trainer.StepWorker(worker);
            afterStep?.Invoke(worker);
        }
        else
        {
            outcome = trainer.NotSampled(worker);
        }

        _outcomes.Add(outcome);
        _uploaded[worker] = outcome.Decision == WorkerDecision.Upload;
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
