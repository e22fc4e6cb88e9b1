using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Sweeps;

/// <summary>One cell as the sweep's manifest.json records it: enough to report on a sweep without expanding its
/// scenario.</summary>
/// <param name="Index">The cell's position in expansion order.</param>
/// <param name="Id">The cell's stable id (its folder under <c>cells/</c>).</param>
/// <param name="Label">The cell's readable label.</param>
/// <param name="LearningGroup">The id of the first cell of its learning group (cells that learn identically).</param>
public sealed record SweepManifestCell(int Index, string Id, string Label, string LearningGroup)
{
    /// <summary>The cells of a manifest, in index order.</summary>
    public static IReadOnlyList<SweepManifestCell> From(JObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ((JArray)manifest["cells"]!)
            .Select(c => new SweepManifestCell((int)c["index"]!, (string)c["id"]!, (string)c["label"]!, (string)c["learningGroup"]!))
            .OrderBy(c => c.Index)
            .ToList();
    }
}
