namespace Sasg.Experiments.Heterogeneity;

/// <summary>What a heterogeneity sweep varies.</summary>
public enum HeterogeneityAxis
{
    /// <summary>No sweep: one report of the scenario as written.</summary>
    None,

    /// <summary><c>data.base</c> of the LAG synthetic problem (1 = uniform L_m; larger = more heterogeneous).</summary>
    Base,

    /// <summary>The number of workers M (<c>data.workers</c>; for lag-uci also <c>data.workersPerSet</c>).</summary>
    Workers,
}
