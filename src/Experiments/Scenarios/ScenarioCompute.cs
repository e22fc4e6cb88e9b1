using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>The compute-time model (<c>compute</c>).</summary>
/// <param name="CostPerSample">Modelled time of one sample's gradient on a speed-1 worker; default 1 us.</param>
/// <param name="Speed">Per-worker speed, one per worker (2 = twice as fast); default all 1.</param>
/// <param name="Straggler">Straggler noise multiplying each compute time; default none.</param>
public sealed record ScenarioCompute(SimTime CostPerSample, IReadOnlyList<double> Speed, StragglerNoise Straggler)
{
    /// <summary>The NetSim compute factors (1 / speed: 2 = twice as slow), one per worker.</summary>
    public IReadOnlyList<double> ComputeFactors => Speed.Select(s => 1.0 / s).ToArray();
}
