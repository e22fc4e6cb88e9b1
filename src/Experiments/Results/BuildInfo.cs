using System.Reflection;

namespace Sasg.Experiments.Results;

/// <summary>The version of Sasg that is running, the commit it was built from and whether that tree had changes.</summary>
/// <remarks>The version is <c>Version</c> in Directory.Build.props; the commit and tree state are recorded at build time
/// by tools/build/SourceInfo.targets ("unknown" when the source was not a git checkout).</remarks>
public sealed record BuildInfo(string Version, string Commit, string TreeDirty)
{
    /// <summary>The build of the loaded Sasg.Experiments assembly.</summary>
    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    /// <summary>One line for <c>sasg --version</c>, e.g. <c>sasg 0.1.0 (commit 2f86eca..., clean tree)</c>.</summary>
    public string Describe() => TreeDirty switch
    {
        "true" => $"sasg {Version} (commit {Commit}, built from a tree with uncommitted changes)",
        "false" => $"sasg {Version} (commit {Commit}, clean tree)",
        _ => $"sasg {Version} (commit {Commit})",
    };

    private static BuildInfo Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value ?? "unknown", StringComparer.Ordinal);
        return new BuildInfo(
            version,
            metadata.GetValueOrDefault("SasgCommit", "unknown"),
            metadata.GetValueOrDefault("SasgTreeDirty", "unknown"));
    }
}
