namespace Sasg.NetSim.Network;

/// <summary>A plan read from a fixed table: <c>actions[round][worker]</c>, or one row repeated for every round.</summary>
public sealed class FixedRoundPlan : IRoundPlan
{
    private readonly WorkerAction[][] _rounds;
    private readonly bool _repeat;

    /// <summary>A plan with one row of actions per round.</summary>
    /// <exception cref="ArgumentException">There are no rounds or the rows differ in length.</exception>
    public FixedRoundPlan(IEnumerable<IReadOnlyList<WorkerAction>> rounds)
        : this(rounds, repeat: false)
    {
    }

    private FixedRoundPlan(IEnumerable<IReadOnlyList<WorkerAction>> rounds, bool repeat)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        _rounds = [.. rounds.Select(r => r.ToArray())];
        if (_rounds.Length == 0 || _rounds.Any(r => r.Length != _rounds[0].Length || r.Length == 0))
        {
            throw new ArgumentException("Every round needs the same, non-zero number of worker actions.", nameof(rounds));
        }

        _repeat = repeat;
    }

    /// <summary>The same <paramref name="actions"/> in every round.</summary>
    public static FixedRoundPlan Repeating(IReadOnlyList<WorkerAction> actions) => new([actions], repeat: true);

    /// <summary>Every one of <paramref name="workers"/> workers uploads <paramref name="size"/> after <paramref name="computeCost"/>.</summary>
    public static FixedRoundPlan AllUpload(int workers, DataSize size, Kernel.SimTime computeCost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        return Repeating(Enumerable.Repeat(WorkerAction.Upload(size, computeCost), workers).ToArray());
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The round or worker is outside the table.</exception>
    public WorkerAction Decide(int round, int worker)
    {
        var row = _repeat ? _rounds[0] : (uint)round < (uint)_rounds.Length
            ? _rounds[round]
            : throw new ArgumentOutOfRangeException(nameof(round), round, $"The plan has {_rounds.Length} rounds.");
        return (uint)worker < (uint)row.Length
            ? row[worker]
            : throw new ArgumentOutOfRangeException(nameof(worker), worker, $"The plan has {row.Length} workers.");
    }
}
