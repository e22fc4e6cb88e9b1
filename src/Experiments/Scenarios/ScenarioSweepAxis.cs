using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>One sweep axis: a scalar field (dotted path) and the values it takes, as written.</summary>
/// <param name="Path">The dotted path, for example <c>network.uplink</c> or
/// <c>algorithms[SASG].parameters.fraction</c>.</param>
/// <param name="Values">The values as JSON tokens, in file order (each one validated for the field).</param>
public sealed record ScenarioSweepAxis(string Path, IReadOnlyList<JToken> Values)
{
    /// <summary>Whether the axis varies only the network (so learning decisions can be replayed).</summary>
    public bool IsNetwork => Path.StartsWith("network.", StringComparison.Ordinal);

    /// <summary>The short name used in cell labels: the path's last segment, or "SASG.fraction" for a parameter.</summary>
    public string ShortName => Path.StartsWith("algorithms[", StringComparison.Ordinal)
        ? Path["algorithms[".Length..Path.IndexOf(']', StringComparison.Ordinal)] + "." + Path[(Path.LastIndexOf('.') + 1)..]
        : Path[(Path.LastIndexOf('.') + 1)..];
}
