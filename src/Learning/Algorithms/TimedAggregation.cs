namespace Sasg.Learning.Algorithms;

/// <summary>How the server of a time-driven protocol turns the messages that reach it into updates
/// (<see cref="TimedTrainer{T}"/>; docs/algorithms.md, "Under time-driven protocols").</summary>
public enum TimedAggregation
{
    /// <summary>Deadline rounds: one update per round, the sum of the messages delivered in it (stale ones
    /// included) and, for a method that reuses messages, every other worker's stored message.</summary>
    Deadline,

    /// <summary>Asynchronous: every report is one update, with that worker's message alone.</summary>
    Asynchronous,

    /// <summary>Buffered (FedBuff): every K reports make one update, the sum of their (damped) messages.</summary>
    Buffered,
}
