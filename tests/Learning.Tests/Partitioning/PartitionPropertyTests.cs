using FsCheck;
using FsCheck.Fluent;
using Sasg.Learning.Data;
using Sasg.Learning.Partitioning;
using Sasg.Learning.Randomness;

// FsCheck supplies the arguments of [Property] methods; NUnit.Analyzers only knows NUnit's own sources.
#pragma warning disable NUnit1027

namespace Sasg.Learning.Tests.Partitioning;

/// <summary>Properties every partitioner must keep, over random sizes, worker counts and seeds.</summary>
public sealed class PartitionPropertyTests
{
    private const string Replay = "20240601,1234567";

    // Every partitioner that must place each sample exactly once; the names label the failures.
    private static readonly (string Name, IPartitioner Partitioner)[] Covering =
    [
        ("iid", new IidPartitioner()),
        ("sorted", new SortedByLabelPartitioner()),
        ("label-skew(2)", new LabelSkewPartitioner(2)),
        ("dirichlet(0.3)", new DirichletPartitioner(0.3)),
        ("dirichlet(50)", new DirichletPartitioner(50)),
    ];

    // Sample count 10..409 and worker count 5..(count / 2): enough for label skew with c = 2 over 10 classes.
    private static (Dataset Data, int Workers) Case(int size, int workers)
    {
        var count = 10 + (Math.Abs(size) % 400);
        var workerCount = 5 + (Math.Abs(workers) % ((count / 2) - 4));
        var labels = new SeededRandom((ulong)count);
        return (TinyData.Labelled("d", count, 10, _ => labels.NextInt(10)), workerCount);
    }

    private static bool SameIndices(Partition a, Partition b) =>
        a.Workers.Zip(b.Workers).All(pair => pair.First.Source == pair.Second.Source
            && pair.First.Indices.SequenceEqual(pair.Second.Indices));

    [FsCheck.NUnit.Property(Replay = Replay, MaxTest = 60)]
    public Property EverySampleLandsInExactlyOneWorker(int size, int workers, ulong seed)
    {
        var (data, workerCount) = Case(size, workers);

        return Covering.Select(entry =>
        {
            var partition = entry.Partitioner.Split(data, workerCount, seed);
            var assignments = TinyData.Assignments(partition);
            var ok = partition.WorkerCount == workerCount
                && assignments.Count == data.Count
                && assignments.Values.All(times => times == 1)
                && partition.Workers.All(w => w.Count > 0);
            return ok.Label(entry.Name);
        }).Aggregate((a, b) => a.And(b));
    }

    [FsCheck.NUnit.Property(Replay = Replay, MaxTest = 60)]
    public Property MixingPartitioners_PlaceEverySampleOfEverySourceExactlyOnce(int size, int workers, ulong seed)
    {
        var (a, workerCount) = Case(size, workers);
        var b = TinyData.Balanced("b", a.Count + 3);
        var bySource = new BySourcePartitioner().Split([a, b], workerCount, seed);
        var asGiven = new AsGivenPartitioner(
            [
                new SourceAssignment("b", Enumerable.Range(0, workerCount / 2).ToArray()),
                new SourceAssignment("d", Enumerable.Range(workerCount / 2, workerCount - (workerCount / 2)).ToArray()),
            ]).Split([a, b], workerCount, seed);

        bool Covers(Partition partition)
        {
            var assignments = TinyData.Assignments(partition);
            return assignments.Count == a.Count + b.Count && assignments.Values.All(times => times == 1);
        }

        return Covers(bySource).Label("by-source").And(Covers(asGiven).Label("as-given"));
    }

    [FsCheck.NUnit.Property(Replay = Replay, MaxTest = 60)]
    public bool DroppingTheRemainder_PlacesFloorOfNOverMSamplesPerWorkerAtMostOnce(int size, int workers, ulong seed)
    {
        var (data, workerCount) = Case(size, workers);

        var partition = new IidPartitioner(RemainderPolicy.Drop).Split(data, workerCount, seed);
        var assignments = TinyData.Assignments(partition);

        return partition.Workers.All(w => w.Count == data.Count / workerCount)
            && assignments.Values.All(times => times == 1);
    }

    [FsCheck.NUnit.Property(Replay = Replay, MaxTest = 40)]
    public Property SameSeed_GivesTheSamePartition(int size, int workers, ulong seed)
    {
        var (data, workerCount) = Case(size, workers);

        return Covering.Select(entry =>
            SameIndices(entry.Partitioner.Split(data, workerCount, seed), entry.Partitioner.Split(data, workerCount, seed))
                .Label(entry.Name)).Aggregate((a, b) => a.And(b));
    }

    [FsCheck.NUnit.Property(Replay = Replay, MaxTest = 40)]
    public Property DifferentSeeds_GiveDifferentPartitions(int size, int workers, ulong seed)
    {
        var (data, workerCount) = Case(size, workers);

        // The sorted partitioner is fully determined by the data, so it is left out on purpose.
        return Covering.Where(entry => entry.Name != "sorted").Select(entry =>
            (!SameIndices(entry.Partitioner.Split(data, workerCount, seed), entry.Partitioner.Split(data, workerCount, seed + 1)))
                .Label(entry.Name)).Aggregate((a, b) => a.And(b));
    }
}
