using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Trace;

/// <summary>One observation: a span [<paramref name="Start"/>, <paramref name="End"/>] (equal for instants).</summary>
/// <param name="Start">When the span starts.</param>
/// <param name="End">When the span ends; equal to the start for instant records.</param>
/// <param name="Node">The node: a worker index, or <see cref="ServerNode"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Round">The round, 0-based.</param>
/// <param name="Bytes">The payload bytes moved (0 for compute and bookkeeping spans).</param>
public readonly record struct TraceRecord(SimTime Start, SimTime End, int Node, TraceKind Kind, int Round, long Bytes)
{
    /// <summary>The node number of the server.</summary>
    public const int ServerNode = -1;

    /// <summary>A kind's own number: a <see cref="TraceKind.Rate"/> record's bit/s, a <see cref="TraceKind.Update"/>
    /// record's largest staleness; 0 otherwise.</summary>
    public long Value { get; init; }

    /// <summary>Whether the span is a transfer cut off (its worker went offline, or its round closed): it ends at the
    /// abort, not at a delivery.</summary>
    public bool Aborted { get; init; }

    /// <summary>The span's length.</summary>
    public SimTime Duration => End - Start;
}
