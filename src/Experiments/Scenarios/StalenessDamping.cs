namespace Sasg.Experiments.Scenarios;

/// <summary>How an asynchronous or buffered update is scaled by its staleness tau, the server updates since the worker
/// pulled its model (<c>protocol.damping</c>).</summary>
public enum StalenessDamping
{
    /// <summary>"none": weight 1.</summary>
    None,

    /// <summary>"inverse": weight 1 / (1 + tau).</summary>
    Inverse,

    /// <summary>"inverse-sqrt": weight 1 / sqrt(1 + tau).</summary>
    InverseSqrt,
}
