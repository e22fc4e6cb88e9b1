using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>The server's side of a synchronous parameter-server round.</summary>
public sealed record ParameterServerOptions
{
    /// <summary>How the server's ingress takes concurrent uploads.</summary>
    public IngressPolicy Ingress { get; init; } = IngressPolicy.SequentialPush;

    /// <summary>How the model reaches the workers.</summary>
    public BroadcastMode Broadcast { get; init; } = BroadcastMode.Parallel;

    /// <summary>The model payload broadcast at the start of every round.</summary>
    public DataSize ModelSize { get; init; }

    /// <summary>The payload of a server-to-worker request message (LAG-PS, and each turn of the pull policy).</summary>
    public DataSize RequestSize { get; init; } = DataSize.FromBytes(64);

    /// <summary>The payload of the notice a skipping worker sends so the server need not wait for it.</summary>
    public DataSize SkipNoticeSize { get; init; }

    /// <summary>The server's aggregation time once every worker has uploaded or reported a skip.</summary>
    public SimTime AggregationTime { get; init; }

    internal void Validate()
    {
        if (!Enum.IsDefined(Ingress))
        {
            throw new ArgumentOutOfRangeException(nameof(Ingress), Ingress, "Unknown ingress policy.");
        }

        if (!Enum.IsDefined(Broadcast))
        {
            throw new ArgumentOutOfRangeException(nameof(Broadcast), Broadcast, "Unknown broadcast mode.");
        }

        if (AggregationTime.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AggregationTime), AggregationTime, "Must not be negative.");
        }
    }
}
