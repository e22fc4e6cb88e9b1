using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Each named dataset is cut, in file order, into contiguous pieces for a named set of workers.</summary>
/// <remarks>
/// This is the LAG real-data experiment (Chen, Giannakis, Sun and Yin, "LAG: Lazily aggregated gradient for
/// communication-efficient distributed learning", NeurIPS 2018): each of three datasets split over three workers. The
/// authors' code gives every piece floor(N / pieces) rows and drops the rest (<see cref="RemainderPolicy.Drop"/>);
/// the default spreads them. No shuffle is made, so the seed is not used.
/// </remarks>
public sealed class AsGivenPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner for <paramref name="assignments"/>.</summary>
    /// <exception cref="ArgumentException">No assignment, or an assignment without workers.</exception>
    public AsGivenPartitioner(IReadOnlyList<SourceAssignment> assignments, RemainderPolicy remainder = RemainderPolicy.Spread)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0)
        {
            throw new ArgumentException("At least one source must be assigned.", nameof(assignments));
        }

        foreach (var assignment in assignments)
        {
            if (assignment.Workers.Count == 0)
            {
                throw new ArgumentException($"Source '{assignment.Source}' is assigned no workers.", nameof(assignments));
            }
        }

        Assignments = assignments.ToArray();
        Remainder = remainder;
    }

    /// <summary>Which workers hold which source.</summary>
    public IReadOnlyList<SourceAssignment> Assignments { get; }

    /// <summary>What happens to the rows of a source that do not divide evenly among its workers.</summary>
    public RemainderPolicy Remainder { get; }

    /// <inheritdoc/>
    public string Name => "as-given";

    /// <summary>Sources in the given order, each over the next <paramref name="workersPerSource"/> workers (0-2, 3-5, ...).</summary>
    public static AsGivenPartitioner Consecutive(
        IReadOnlyList<string> sources, int workersPerSource, RemainderPolicy remainder = RemainderPolicy.Spread)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(workersPerSource, 1);
        var assignments = sources
            .Select((name, s) => new SourceAssignment(name, Enumerable.Range(s * workersPerSource, workersPerSource).ToArray()))
            .ToArray();
        return new AsGivenPartitioner(assignments, remainder);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// A named source is missing or ambiguous, a source is not assigned, or the assigned workers are not exactly
    /// 0..workerCount-1 each once.
    /// </exception>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        var shards = new WorkerShard?[workerCount];
        var used = new bool[sources.Count];
        foreach (var assignment in Assignments)
        {
            var s = FindSource(sources, assignment.Source);
            if (used[s])
            {
                throw new ArgumentException($"Source '{assignment.Source}' is assigned twice.", nameof(sources));
            }

            used[s] = true;
            var source = sources[s];
            Shards.RequireWorkers(source, assignment.Workers.Count, source.Count);
            var order = Enumerable.Range(0, source.Count).ToArray();
            var pieces = Shards.Contiguous(order, assignment.Workers.Count, Remainder);
            for (var j = 0; j < pieces.Length; j++)
            {
                var worker = assignment.Workers[j];
                if ((uint)worker >= (uint)workerCount)
                {
                    throw new ArgumentException(
                        $"Source '{source.Name}' is assigned worker {worker}, outside 0..{workerCount - 1}.",
                        nameof(workerCount));
                }

                if (shards[worker] is not null)
                {
                    throw new ArgumentException($"Worker {worker} is assigned more than one source.", nameof(sources));
                }

                shards[worker] = new WorkerShard(worker, s, pieces[j]);
            }
        }

        var unused = Array.IndexOf(used, false);
        if (unused >= 0)
        {
            throw new ArgumentException($"Source '{sources[unused].Name}' is given but assigned no workers.", nameof(sources));
        }

        var idle = Array.IndexOf(shards, null);
        if (idle >= 0)
        {
            throw new ArgumentException($"Worker {idle} of {workerCount} is assigned no source.", nameof(workerCount));
        }

        return new Partition(sources, shards!);
    }

    private static int FindSource(IReadOnlyList<Dataset> sources, string name)
    {
        var matches = Enumerable.Range(0, sources.Count).Where(s => sources[s].Name == name).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException(
                $"No source is named '{name}'; given: {string.Join(", ", sources.Select(d => d.Name))}.", nameof(sources)),
            _ => throw new ArgumentException($"{matches.Length} sources are named '{name}'.", nameof(sources)),
        };
    }
}
