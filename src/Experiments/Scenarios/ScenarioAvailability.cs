using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Scenarios;

/// <summary>When the workers are online (<c>availability</c>): an availability file, or the seeded on/off model.</summary>
/// <param name="File">The availability file (absolute path), or null for the on/off model.</param>
/// <param name="MeanOnline">The on/off model's mean online period (zero with a file).</param>
/// <param name="MeanOffline">The on/off model's mean offline period (zero with a file).</param>
public sealed record ScenarioAvailability(string? File, SimTime MeanOnline, SimTime MeanOffline)
{
    /// <summary>The model's word in the scenario file.</summary>
    public const string OnOffModel = "on-off";
}
