using Sasg.Learning.Data;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Partitioning;

/// <summary>Label-skew shards: each worker holds the samples of <see cref="ClassesPerWorker"/> classes.</summary>
/// <remarks>
/// The "#C = k" setting of Li et al., "Federated learning on non-IID data silos: an experimental study" (ICDE 2022).
/// Classes are put in a seeded random order; worker w holds classes order[(w * c + j) mod C] for j below c, so the
/// classes are spread evenly and each worker's c classes are distinct. Each class's samples are shuffled and cut into
/// equal contiguous pieces among the workers that hold it. Worker count times c must reach the class count so that
/// every class has a holder and every sample lands in exactly one worker. If a worker ends up with nothing (its
/// classes have fewer samples than holders), it takes one sample from the largest shard.
/// </remarks>
public sealed class LabelSkewPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classesPerWorker"/> is below 1.</exception>
    public LabelSkewPartitioner(int classesPerWorker)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classesPerWorker, 1);
        ClassesPerWorker = classesPerWorker;
    }

    /// <summary>How many distinct classes each worker holds.</summary>
    public int ClassesPerWorker { get; }

    /// <inheritdoc/>
    public string Name => $"label-skew({ClassesPerWorker})";

    /// <inheritdoc/>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        var source = Shards.SingleSource(sources, workerCount, Name);
        var labels = Shards.LabelsOf(source, Name);
        var classes = source.ClassCount;
        if (ClassesPerWorker > classes)
        {
            throw new ArgumentException(
                $"classesPerWorker is {ClassesPerWorker}, but '{source.Name}' has {classes} classes.", nameof(sources));
        }

        if ((long)workerCount * ClassesPerWorker < classes)
        {
            throw new ArgumentException(
                $"classesPerWorker ({ClassesPerWorker}) x workerCount ({workerCount}) is below the {classes} classes of "
                    + $"'{source.Name}', so some class would have no worker.",
                nameof(workerCount));
        }

        var random = SeededRandom.Create(seed, "label-skew");
        var classOrder = random.Permutation(classes);
        var holders = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (var w = 0; w < workerCount; w++)
        {
            for (var j = 0; j < ClassesPerWorker; j++)
            {
                holders[classOrder[((w * ClassesPerWorker) + j) % classes]].Add(w);
            }
        }

        var shards = Enumerable.Range(0, workerCount).Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < classes; k++)
        {
            var members = Enumerable.Range(0, source.Count).Where(i => labels[i] == k).ToArray();
            random.Shuffle(members.AsSpan());
            var pieces = Shards.Contiguous(members, holders[k].Count, RemainderPolicy.Spread);
            for (var h = 0; h < pieces.Length; h++)
            {
                shards[holders[k][h]].AddRange(pieces[h]);
            }
        }

        Shards.FillEmpty(shards);
        return Shards.Of(source, shards);
    }
}
