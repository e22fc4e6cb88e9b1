namespace Sasg.Experiments.Sweeps;

/// <summary>Where a sweep goes when no <c>--dir</c> is given: <c>&lt;parent&gt;/sweeps/&lt;leaf&gt;</c> of the
/// scenario's <c>outputs.directory</c> (<c>results/sweeps/&lt;name&gt;</c> by default), a name that neither doubles a
/// "-sweep" already in the scenario's name nor meets the folder <c>sasg run</c> writes for the same scenario.</summary>
/// <remarks>Earlier versions used <c>&lt;outputs.directory&gt;-sweep</c> (so <c>results/bandwidth-sweep-sweep</c>);
/// such a folder, when it holds a sweep and the new one does not exist, is still the default, so that a sweep started
/// by an earlier version resumes.</remarks>
public static class SweepDirectories
{
    /// <summary>The default sweep folder for a scenario whose <c>outputs.directory</c> is
    /// <paramref name="outputsDirectory"/>, as a full path; <paramref name="earlier"/> is true when it is the folder
    /// an earlier version named (it holds a sweep, and the new default does not exist).</summary>
    public static string Default(string outputsDirectory, out bool earlier)
    {
        ArgumentNullException.ThrowIfNull(outputsDirectory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputsDirectory));
        var parent = Path.GetDirectoryName(full) ?? full;
        var leaf = Path.GetFileName(full);
        var current = Path.Combine(parent, "sweeps", leaf.Length == 0 ? "sweep" : leaf);
        var legacy = full + "-sweep";
        earlier = !Directory.Exists(current) && File.Exists(Path.Combine(legacy, "manifest.json"));
        return earlier ? legacy : current;
    }
}
