using Sasg.Learning.Data;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Partitioning;

/// <summary>Label-distribution skew: each class is shared among workers in Dirichlet(alpha) proportions.</summary>
/// <remarks>
/// The scheme of Hsu, Qi and Brown, "Measuring the effects of non-identical data distribution for federated visual
/// classification" (2019). For each class k in turn, proportions p ~ Dir(alpha, ..., alpha) over the M workers are
/// drawn, the class's samples are shuffled, and shuffled sample j goes to the worker w whose interval
/// [p_1 + ... + p_(w-1), p_1 + ... + p_w) holds (j + u) / n_k, with one uniform offset u per class (systematic
/// sampling). Each worker then gets n_k * p_w samples in expectation and within one of it always; numpy's
/// floor of the cumulative proportions would instead hand every small class to the last worker. Small alpha gives very
/// skewed shards, large alpha nearly iid ones. A worker left with nothing takes one sample from the largest shard.
/// </remarks>
public sealed class DirichletPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not positive and finite.</exception>
    public DirichletPartitioner(double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, "The Dirichlet concentration must be positive and finite.");
        }

        Alpha = alpha;
    }

    /// <summary>The concentration parameter of the symmetric Dirichlet distribution.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public string Name => FormattableString.Invariant($"dirichlet({Alpha:R})");

    /// <inheritdoc/>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        var source = Shards.SingleSource(sources, workerCount, Name);
        var labels = Shards.LabelsOf(source, Name);
        var random = SeededRandom.Create(seed, "dirichlet");
        var shards = Enumerable.Range(0, workerCount).Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < source.ClassCount; k++)
        {
            var members = Enumerable.Range(0, source.Count).Where(i => labels[i] == k).ToArray();
            var proportions = GammaSampler.NextDirichlet(random, Alpha, workerCount);
            random.Shuffle(members.AsSpan());
            var offset = random.NextDouble();
            var cumulative = 0.0;
            var start = 0;
            for (var w = 0; w < workerCount; w++)
            {
                cumulative += proportions[w];
                var end = w == workerCount - 1
                    ? members.Length
                    : Math.Clamp((int)Math.Ceiling((cumulative * members.Length) - offset), start, members.Length);
                shards[w].AddRange(members[start..end]);
                start = end;
            }
        }

        Shards.FillEmpty(shards);
        return Shards.Of(source, shards);
    }
}
