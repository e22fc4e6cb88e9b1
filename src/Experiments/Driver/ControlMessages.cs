using Sasg.Experiments.Replay;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>The small messages a run's rounds carry besides uploads, counted as NetSim is asked to send them: a request
/// from the server to every worker whose upload waits for one (a decision marked "requested": LAG-PS, LASG-PS, IAG; under
/// the sequential-pull ingress, every upload), and a skip notice from every worker that computed but did not upload.
/// A worker the server did not ask is idle and sends nothing (<see cref="WorkerAction.Idle"/>).</summary>
/// <param name="Requests">Server-to-worker request messages.</param>
/// <param name="RequestBytes">Their payload bytes (<see cref="ParameterServerOptions.RequestSize"/> each; link overheads
/// excluded, as for uploads).</param>
/// <param name="SkipNotices">Worker-to-server skip notices.</param>
/// <param name="SkipNoticeBytes">Their payload bytes (<see cref="ParameterServerOptions.SkipNoticeSize"/> each).</param>
public readonly record struct ControlMessages(long Requests, long RequestBytes, long SkipNotices, long SkipNoticeBytes)
{
    /// <summary>What one worker's decision sends on <paramref name="options"/>'s network.</summary>
    public static ControlMessages Of(DecisionRow decision, ParameterServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(options);
        return DecisionKinds.Parse(decision.Decision) is { } kind ? Of(kind, decision.Requested, options) : default;
    }

    /// <summary>The same count for a decision of <paramref name="kind"/>, <paramref name="requested"/> or not.</summary>
    internal static ControlMessages Of(DecisionKind kind, bool requested, ParameterServerOptions options) => kind switch
    {
        DecisionKind.Upload when requested || options.Ingress == IngressPolicy.SequentialPull =>
            new ControlMessages(1, options.RequestSize.Bytes, 0, 0),
        DecisionKind.Skip => new ControlMessages(0, 0, 1, options.SkipNoticeSize.Bytes),
        _ => default,
    };

    /// <summary>What one worker's action in a replayed round sends on <paramref name="options"/>'s network: the same
    /// count as <see cref="Of(DecisionRow, ParameterServerOptions)"/> gives for the decision it was made from.</summary>
    public static ControlMessages Of(WorkerAction action, ParameterServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (action.Uploads)
        {
            return action.NeedsServerRequest || options.Ingress == IngressPolicy.SequentialPull
                ? new ControlMessages(1, options.RequestSize.Bytes, 0, 0)
                : default;
        }

        return action.IsIdle ? default : new ControlMessages(0, 0, 1, options.SkipNoticeSize.Bytes);
    }

    /// <summary>The sum of two counts.</summary>
    public static ControlMessages operator +(ControlMessages a, ControlMessages b) => new(
        a.Requests + b.Requests, a.RequestBytes + b.RequestBytes, a.SkipNotices + b.SkipNotices, a.SkipNoticeBytes + b.SkipNoticeBytes);

    /// <summary>The same sum, for languages without operators.</summary>
    public static ControlMessages Add(ControlMessages left, ControlMessages right) => left + right;

    /// <summary><paramref name="result"/> with every metrics row's control-message columns counted from its decisions on
    /// <paramref name="options"/>'s network (cumulative over the iterations before the row's, as the other totals), so
    /// that a result replayed on another network reports that network's messages.</summary>
    public static AlgorithmResult Recount(AlgorithmResult result, ParameterServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var perIteration = new SortedDictionary<int, ControlMessages>();
        foreach (var decision in result.Decisions)
        {
            perIteration[decision.Iteration] = perIteration.GetValueOrDefault(decision.Iteration) + Of(decision, options);
        }

        var cumulative = new List<(int Iteration, ControlMessages Total)>();
        var running = default(ControlMessages);
        foreach (var (iteration, count) in perIteration)
        {
            running += count;
            cumulative.Add((iteration, running));
        }

        var metrics = result.Metrics.Select(m => m.WithControlMessages(Before(cumulative, m.Iteration))).ToList();
        return result with { Metrics = metrics };
    }

    // The total over the iterations below `iteration`.
    private static ControlMessages Before(List<(int Iteration, ControlMessages Total)> cumulative, int iteration)
    {
        var total = default(ControlMessages);
        foreach (var (k, running) in cumulative)
        {
            if (k >= iteration)
            {
                break;
            }

            total = running;
        }

        return total;
    }
}
