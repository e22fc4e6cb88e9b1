using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Where a scenario sits in its sweep.</summary>
/// <param name="Index">The cell's position in expansion order (row-major, last axis fastest).</param>
/// <param name="Id">A stable 12-hex-digit id: a hash of the resolved values of every axis.</param>
/// <param name="Label">A readable label, for example <c>uplink=100Mbps,ingress=fair-share</c>.</param>
/// <param name="Values">Each axis path with the value this cell gives it, as written.</param>
/// <param name="LearningKey">A hash of the non-network axis values: cells with equal keys learn identically.</param>
/// <param name="LearningSourceIndex">The first cell with the same <paramref name="LearningKey"/> (this cell's own
/// index when it is the first).</param>
/// <param name="NetworkOnlyVariant">Whether another cell differs from this one only in <c>network.*</c> fields, so the
/// driver can replay one learning run through several networks.</param>
public sealed record ScenarioCell(
    int Index,
    string Id,
    string Label,
    IReadOnlyList<KeyValuePair<string, JToken>> Values,
    string LearningKey,
    int LearningSourceIndex,
    bool NetworkOnlyVariant);
