using Sasg.Experiments.Driver;

namespace Sasg.Cli.Commands;

/// <summary>How <see cref="RunCommand"/> runs a scenario.</summary>
/// <param name="Output">The results folder given with --output (any path), or null for the scenario's folder.</param>
/// <param name="ParallelMethods">How many methods run at the same time.</param>
/// <param name="AllowOutside">Whether the scenario's outputs.directory may lie outside ./results.</param>
internal sealed record RunOptions(string? Output, int ParallelMethods, bool AllowOutside)
{
    /// <summary>Called after every iteration of every method (tests make a method fail with it).</summary>
    public Action<RunProgress>? AfterIteration { get; init; }

    /// <summary>Whether a failure also prints the whole error (a native stack included): the global --verbose.</summary>
    public bool Verbose { get; init; }

    /// <summary>The least time between two checkpoints (null: <see cref="RunCommand.CheckpointInterval"/>).</summary>
    public TimeSpan? CheckpointInterval { get; init; }
}
