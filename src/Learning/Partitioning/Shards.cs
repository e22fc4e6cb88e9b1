using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Argument checks and splitting steps shared by the partitioners.</summary>
internal static class Shards
{
    /// <summary>The one source of a single-source partitioner, after checking it can feed every worker.</summary>
    public static Dataset SingleSource(IReadOnlyList<Dataset> sources, int workerCount, string partitioner)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count != 1)
        {
            throw new ArgumentException(
                $"The {partitioner} partitioner splits one dataset; {sources.Count} were given "
                    + "(use by-source or as-given to mix).",
                nameof(sources));
        }

        RequireWorkers(sources[0], workerCount, sources[0].Count);
        return sources[0];
    }

    /// <summary>Checks that <paramref name="workerCount"/> workers can each get at least one of <paramref name="available"/> samples.</summary>
    public static void RequireWorkers(Dataset source, int workerCount, int available)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (workerCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workerCount), workerCount, "There must be at least one worker.");
        }

        if (workerCount > available)
        {
            throw new ArgumentException(
                $"workerCount is {workerCount}, more than the {available} samples of '{source.Name}' to share; "
                    + "every worker needs at least one sample.",
                nameof(workerCount));
        }
    }

    /// <summary>The class labels of <paramref name="source"/>, or an error that says how to get them.</summary>
    public static int[] LabelsOf(Dataset source, string partitioner)
    {
        return source.Labels ?? throw new ArgumentException(
            $"The {partitioner} partitioner needs class labels, and '{source.Name}' has targets only; "
                + $"read binary data with {nameof(LabelKind)}.{nameof(LabelKind.Binary)}.",
            nameof(source));
    }

    /// <summary>Cuts <paramref name="order"/> into <paramref name="parts"/> contiguous pieces of equal size.</summary>
    public static int[][] Contiguous(ReadOnlySpan<int> order, int parts, RemainderPolicy remainder)
    {
        var baseSize = order.Length / parts;
        var extra = remainder == RemainderPolicy.Spread ? order.Length % parts : 0;
        var result = new int[parts][];
        var start = 0;
        for (var p = 0; p < parts; p++)
        {
            var size = baseSize + (p < extra ? 1 : 0);
            result[p] = order.Slice(start, size).ToArray();
            start += size;
        }

        return result;
    }

    /// <summary>Moves one sample into each empty shard from the currently largest shard (lowest number on ties).</summary>
    /// <remarks>The caller has checked that there are at least as many samples as shards, so a donor always exists.</remarks>
    public static void FillEmpty(List<int>[] shards)
    {
        for (var w = 0; w < shards.Length; w++)
        {
            if (shards[w].Count > 0)
            {
                continue;
            }

            var donor = 0;
            for (var d = 1; d < shards.Length; d++)
            {
                if (shards[d].Count > shards[donor].Count)
                {
                    donor = d;
                }
            }

            shards[w].Add(shards[donor][^1]);
            shards[donor].RemoveAt(shards[donor].Count - 1);
        }
    }

    /// <summary>A one-source partition of the given per-worker index lists.</summary>
    public static Partition Of(Dataset source, IReadOnlyList<IReadOnlyCollection<int>> perWorker) =>
        new([source], perWorker.Select((indices, w) => new WorkerShard(w, 0, indices.ToArray())).ToArray());
}
