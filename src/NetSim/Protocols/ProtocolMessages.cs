using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>The payload sizes of a protocol's control messages (per-message overhead is the links' own).</summary>
/// <param name="Model">The model the server sends a worker at the start of its turn.</param>
/// <param name="SkipNotice">What a worker that skips its upload sends instead.</param>
/// <param name="Request">The server's request to a worker whose upload waits for one (LAG-PS).</param>
public sealed record ProtocolMessages(DataSize Model, DataSize SkipNotice, DataSize Request)
{
    /// <summary>The sizes of <paramref name="options"/> (the synchronous round's).</summary>
    public static ProtocolMessages Of(ParameterServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProtocolMessages(options.ModelSize, options.SkipNoticeSize, options.RequestSize);
    }
}
