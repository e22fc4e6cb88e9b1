using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>The members <see cref="TimedTrainer{T}"/> needs to run a method under a time-driven protocol (deadline
/// rounds, asynchronous, buffered): a worker step at the worker's own view, arrival apart from the step, and updates
/// from any set of messages with weights. None of them is used by the synchronous path (docs/algorithms.md, "Under
/// time-driven protocols").</summary>
public abstract partial class DistributedAlgorithm<T>
{
    // Set once by EnterTimedMode: arrivals are always decoded into the stored message (never summed on arrival), and
    // _fresh marks a delivered message that no update has used yet.
    private bool _timed;
    private bool[] _fresh = [];

    // The view of the worker stepping now under a time-driven protocol (between the two lines of TimedWorkerStep).
    private bool _inView;
    private int _viewSteps;
    private IterateHistory? _viewHistory;

    /// <summary>Whether the server chooses which workers compute in an iteration (LAG-PS, LASG-PS, Cyc-IAG, Num-IAG,
    /// and the code-faithful starts of GD and LAG-WK, whose server asks nobody in the first iterations). Such a method
    /// needs every worker at the same iterate, so it has no meaning under the asynchronous and buffered protocols;
    /// deadline rounds keep it.</summary>
    public virtual bool HasServerSideSelection => SendsRequests;

    /// <summary>Whether the worker rule reads the iterate changes (<see cref="StepHistory"/>): the lazy rules. Under a
    /// time-driven protocol each worker of such a method keeps its own history, and the last model it pulled.</summary>
    internal virtual bool RuleReadsHistory => false;

    /// <summary>How many steps the stepping worker made before this one: k in a synchronous iteration (every worker
    /// steps every iteration), the worker's own count under a time-driven protocol. Warm-ups and "first step" checks
    /// read it; the iterate and its version are always <see cref="Theta"/> and <see cref="Iteration"/>, since a worker
    /// steps at the moment it pulls the server's model.</summary>
    protected int StepCount => _inView ? _viewSteps : Iteration;

    /// <summary>The iterate changes the stepping worker's rule reads: <see cref="History"/> in a synchronous iteration;
    /// under a time-driven protocol, the squared changes between the consecutive models this worker pulled.</summary>
    /// <exception cref="InvalidOperationException">Read under a time-driven protocol by a method that does not say it
    /// reads it (<see cref="RuleReadsHistory"/>).</exception>
    protected IterateHistory StepHistory => !_inView ? History
        : _viewHistory ?? throw new InvalidOperationException($"{Name} reads the iterate history but does not say so (RuleReadsHistory).");

    /// <summary>Whether worker <paramref name="worker"/>'s stored message was delivered under a time-driven protocol
    /// and no update has used it yet.</summary>
    internal bool IsFresh(int worker) => _fresh[worker];

    /// <summary>Prepares the method for <see cref="TimedTrainer{T}"/>; once, before the first update.</summary>
    internal void EnterTimedMode()
    {
        if (_timed)
        {
            return;
        }

        if (Iteration != 0)
        {
            throw new InvalidOperationException($"{Name} has made {Iteration} updates; a time-driven protocol starts from a new method.");
        }

        _timed = true;
        _fresh = new bool[Workers];
        OnTimedProtocol();
    }

    /// <summary>Called once when a time-driven protocol takes the method over (before any step): a method whose
    /// worker state is shared between workers that step at the same iteration (a ring of last-upload iterates) makes it
    /// per worker here, since under such a protocol workers step at different iterates.</summary>
    protected virtual void OnTimedProtocol()
    {
    }

    /// <summary>Worker <paramref name="worker"/>'s step at the server's current model, with its own step count
    /// <paramref name="steps"/> and iterate history <paramref name="history"/> (null when the rule reads none).</summary>
    internal WorkerDecision TimedWorkerStep(int worker, IGradientSource<T> source, Payload<T> upload, int steps, IterateHistory? history)
    {
        _inView = true;
        _viewSteps = steps;
        _viewHistory = history;
        try
        {
            return WorkerStep(worker, source, upload);
        }
        finally
        {
            _inView = false;
            _viewHistory = null;
        }
    }

    /// <summary>Worker <paramref name="worker"/>'s upload arrived: decoded into its stored message (through the
    /// method's own <see cref="Receive(int, IWireEncoding, ReadOnlySpan{byte})"/>), which is fresh until an update
    /// uses it.</summary>
    internal void TimedReceive(int worker, IWireEncoding encoding, ReadOnlySpan<byte> bytes)
    {
        Receive(worker, encoding, bytes);
        _fresh[worker] = true;
    }

    /// <summary>Adds <paramref name="weight"/> times worker <paramref name="worker"/>'s message to the pending update:
    /// its fresh message, or, for a method that reuses messages, its stored one. Returns false (and adds nothing) when
    /// there is none: the worker never delivered, or its message was already used by a method that never reuses.</summary>
    internal bool AddToPendingUpdate(int worker, T weight)
    {
        if (!_fresh[worker] && !(ReusesMessages && _hasStored[worker]))
        {
            return false;
        }

        _stored[worker]!.AddTo(_step, weight);
        _fresh[worker] = false;
        return true;
    }

    /// <summary>Applies the pending update (the weighted messages added so far) as one server update:
    /// theta -= scale * sum, with its squared change in <see cref="History"/>, exactly as <see cref="Update"/> does.</summary>
    internal void ApplyPendingUpdate()
    {
        // Everything is in _step: Update's own sum has nothing left to add.
        _summed = Workers;
        Update();
    }
}
