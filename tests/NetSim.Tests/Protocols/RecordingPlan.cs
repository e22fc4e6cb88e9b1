using System.Globalization;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;

namespace Sasg.NetSim.Tests.Protocols;

/// <summary>A plan whose workers always upload <c>size</c> bytes after computing for <c>cost</c>, recording every call
/// with its time, and stopping after <c>maxUpdates</c> updates.</summary>
internal sealed class RecordingPlan(Simulation simulation, SimTime cost, DataSize size, int maxUpdates) : IProtocolPlan
{
    public List<string> Log { get; } = [];

    public List<(long Time, int[] Workers)> Updates { get; } = [];

    public List<(long Time, int Worker, WorkLoss Reason, long Wasted)> Losses { get; } = [];

    public Func<int, WorkerAction>? Action { get; init; }

    /// <summary>Whether a worker's message just delivered counts towards a free-running server's buffer (null: all).</summary>
    public Func<int, bool>? Counted { get; init; }

    public WorkerAction Start(int worker)
    {
        Log.Add(Line("start", worker));
        return Action?.Invoke(worker) ?? WorkerAction.Upload(size, cost);
    }

    public List<long> QueueWaits { get; } = [];

    public void Delivered(int worker, Transfer message)
    {
        Log.Add(Line("delivered", worker));
        QueueWaits.Add(message.ReceiveStart - message.Arrival);
    }

    public bool Counts(int worker) => Counted?.Invoke(worker) ?? true;

    public void Lost(int worker, WorkLoss reason, long wastedBytes)
    {
        Log.Add(Line("lost-" + reason.ToString().ToLowerInvariant(), worker));
        Losses.Add((simulation.Now.Nanoseconds, worker, reason, wastedBytes));
    }

    public bool Update(IReadOnlyList<int> workers)
    {
        Updates.Add((simulation.Now.Nanoseconds, [.. workers]));
        Log.Add(string.Create(CultureInfo.InvariantCulture, $"{simulation.Now.Nanoseconds} update {string.Join(' ', workers)}"));
        return Updates.Count < maxUpdates;
    }

    private string Line(string what, int worker) =>
        string.Create(CultureInfo.InvariantCulture, $"{simulation.Now.Nanoseconds} {what} {worker}");
}
