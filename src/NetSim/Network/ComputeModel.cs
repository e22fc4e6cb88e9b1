using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>
/// Worker compute time: the caller's cost times the worker's compute factor times a straggler-noise multiplier drawn
/// from the worker's own seeded stream, rounded to the nearest nanosecond.
/// </summary>
/// <remarks>A compute factor of 2 means the worker takes twice the nominal time. Worker w's stream is named "compute/w".</remarks>
public sealed class ComputeModel
{
    private readonly double[] _factors;
    private readonly SeededRandom[] _streams;

    /// <summary>A model with one compute factor per worker.</summary>
    /// <exception cref="ArgumentException">No factors are given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is NaN, infinite or not positive (parameter "computeFactors").</exception>
    public ComputeModel(IReadOnlyList<double> computeFactors, StragglerNoise? noise = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(computeFactors);
        if (computeFactors.Count == 0)
        {
            throw new ArgumentException("At least one worker is needed.", nameof(computeFactors));
        }

        foreach (var factor in computeFactors)
        {
            if (!double.IsFinite(factor) || factor <= 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(computeFactors), factor, "Every compute factor must be a finite, positive number.");
            }
        }

        _factors = [.. computeFactors];
        Noise = noise ?? StragglerNoise.None;
        Seed = seed;
        _streams = new SeededRandom[_factors.Length];
        for (var worker = 0; worker < _streams.Length; worker++)
        {
            _streams[worker] = new SeededRandom(seed, "compute/" + worker.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The number of workers.</summary>
    public int WorkerCount => _factors.Length;

    /// <summary>Each worker's compute factor (time multiplier).</summary>
    public IReadOnlyList<double> ComputeFactors => _factors;

    /// <summary>The straggler noise.</summary>
    public StragglerNoise Noise { get; }

    /// <summary>The master seed of the per-worker streams.</summary>
    public ulong Seed { get; }

    /// <summary>A model of <paramref name="workers"/> identical workers.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is less than one.</exception>
    public static ComputeModel Uniform(int workers, StragglerNoise? noise = null, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        return new ComputeModel(Enumerable.Repeat(1.0, workers).ToArray(), noise, seed);
    }

    /// <summary>The compute time of <paramref name="worker"/> for <paramref name="cost"/>; draws one noise sample.</summary>
    /// <remarks>Draws advance the worker's stream, so call once per worker per round, in a fixed order.</remarks>
    public SimTime Duration(int worker, SimTime cost)
    {
        var multiplier = _factors[worker] * Noise.Sample(_streams[worker]);
        return SimTime.FromNanoseconds((long)Math.Round(cost.Nanoseconds * multiplier, MidpointRounding.AwayFromZero));
    }
}
