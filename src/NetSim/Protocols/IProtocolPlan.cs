using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>The caller's side of a protocol process (deadline rounds, an asynchronous or a buffered server): NetSim
/// says when things happen, the plan says what each worker does and learns what reached the server.</summary>
/// <remarks>Every call comes at the simulated instant it names (<c>Simulation.Now</c>), in time order; calls at one
/// instant come in the order their events were scheduled, identically on every run.</remarks>
public interface IProtocolPlan
{
    /// <summary><paramref name="worker"/> holds the server's current model (it has just received it) and must say what
    /// it does: compute for a cost, then upload a payload or a skip notice, or <see cref="WorkerAction.Idle"/> (nothing:
    /// in a deadline round it is not asked; under a free-running server it stops for good).</summary>
    WorkerAction Start(int worker);

    /// <summary><paramref name="worker"/>'s upload (or skip notice) has reached the server; <paramref name="message"/>
    /// is its transfer (its wire bytes, and for an upload when its first bit reached the ingress and when the server
    /// began to receive it: the difference is its wait in the server's queue).</summary>
    void Delivered(int worker, Transfer message);

    /// <summary><paramref name="worker"/>'s work of its current turn is lost: it went offline, or (deadline rounds that
    /// drop late uploads) the round closed before its upload was in. <paramref name="wastedBytes"/> is what its
    /// transfers had put on the wire (0 when it was computing).</summary>
    void Lost(int worker, WorkLoss reason, long wastedBytes);

    /// <summary>Free-running servers: whether <paramref name="worker"/>'s message just delivered
    /// (<see cref="Delivered"/>, called just before) counts towards the server's buffer of arrivals. The plan decides
    /// when its model really updates, so the server counts only what the plan counts: a report that adds nothing (a
    /// worker with no message yet, such as a skip notice before its first upload) is not an arrival of the buffer.
    /// Every message counts unless the plan says otherwise.</summary>
    bool Counts(int worker) => true;

    /// <summary>The server applies one update now, from the messages of <paramref name="workers"/> delivered since the
    /// last update, in arrival order. Returns whether the run goes on (false: the process stops).</summary>
    bool Update(IReadOnlyList<int> workers);
}
