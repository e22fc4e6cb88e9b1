using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>Which workers take part in each synchronous round (<c>participation</c>): K of the M workers, uniformly
/// without replacement, from the seeded stream "participation/&lt;round&gt;" of the scenario's seed, so that a round's
/// sample depends only on the seed, the round and (for "available") which workers are online at its start.</summary>
/// <remarks>The draw is Floyd's algorithm over the candidates in worker order (all M, or the online ones): K draws
/// whatever M is. With "available" and fewer than K workers online, every online worker takes part; with none online
/// the round has no participant (every worker idle, the server's update reuses what it stored).</remarks>
internal sealed class ParticipationSampler
{
    private readonly int _sampled;
    private readonly bool _amongAvailable;
    private readonly IWorkerAvailability? _availability;
    private readonly ulong _seed;
    private readonly bool[] _chosen;
    private readonly bool[] _taken;
    private readonly int[] _candidates;
    private readonly int[] _picks;

    /// <summary>A sampler of <paramref name="participation"/>'s K among <paramref name="workers"/> workers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K is not in 1..M.</exception>
    public ParticipationSampler(ScenarioParticipation participation, int workers, long seed, IWorkerAvailability? availability)
    {
        ArgumentNullException.ThrowIfNull(participation);
        ArgumentOutOfRangeException.ThrowIfLessThan(participation.Workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(participation.Workers, workers);
        _sampled = participation.Workers;
        _amongAvailable = participation.Among == ParticipationPool.Available && availability is not null;
        _availability = availability;
        _seed = unchecked((ulong)seed);
        _chosen = new bool[workers];
        _taken = new bool[workers];
        _candidates = new int[workers];
        _picks = new int[participation.Workers];
    }

    /// <summary>The workers in the current round's sample (after <see cref="Sample"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="worker"/> is in the current round's sample.</summary>
    public bool Contains(int worker) => _chosen[worker];

    /// <summary>Draws round <paramref name="round"/>'s sample, the round starting at <paramref name="startNanoseconds"/>.</summary>
    public void Sample(int round, long startNanoseconds)
    {
        Array.Clear(_chosen);
        var pool = 0;
        for (var m = 0; m < _candidates.Length; m++)
        {
            if (!_amongAvailable || _availability!.IsOnline(m, startNanoseconds))
            {
                _candidates[pool++] = m;
            }
        }

        var random = Learning.Randomness.SeededRandom.Create(_seed, $"participation/{round}");
        var k = Math.Min(_sampled, pool);

        // Floyd: for j = n - k .. n - 1 take t uniform in 0..j, or j itself when t is already taken.
        for (var j = pool - k; j < pool; j++)
        {
            var t = random.NextInt(j + 1);
            var pick = _taken[t] ? j : t;
            _taken[pick] = true;
            _picks[j - (pool - k)] = pick;
            _chosen[_candidates[pick]] = true;
        }

        foreach (var pick in _picks.AsSpan(0, k))
        {
            _taken[pick] = false;
        }

        Count = k;
    }
}
