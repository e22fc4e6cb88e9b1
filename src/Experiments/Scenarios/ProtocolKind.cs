namespace Sasg.Experiments.Scenarios;

/// <summary>When the server aggregates and the workers compute (<c>protocol.kind</c>).</summary>
public enum ProtocolKind
{
    /// <summary>"synchronous": every round waits for every asked worker (the default, today's protocol).</summary>
    Synchronous,

    /// <summary>"deadline": the server aggregates what arrived by a deadline after the broadcast.</summary>
    Deadline,

    /// <summary>"asynchronous": the server applies each upload as it arrives; the worker then pulls the new model.</summary>
    Asynchronous,

    /// <summary>"buffered": the server applies every K arrivals as one update (FedBuff); workers never wait.</summary>
    Buffered,
}
