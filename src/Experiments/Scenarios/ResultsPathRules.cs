using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Where a scenario file may send its results: its <c>name</c> is a plain name, and its
/// <c>outputs.directory</c> a folder under the current folder's results/, followed through symbolic links, so that a
/// scenario from elsewhere cannot make a run write outside it. A folder the user gives on the command line (or
/// <c>--allow-outside</c>) is not limited.</summary>
public static class ResultsPathRules
{
    /// <summary>The folder, under the current folder, that holds the results a scenario file names.</summary>
    public const string ResultsFolder = "results";

    // Symbolic links followed in a row before a path is called a loop.
    private const int MaxLinks = 40;

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Whether <paramref name="name"/> is a plain name: letters, digits, '-', '_' and '.', neither "." nor "..",
    /// at most 255 characters.</summary>
    public static bool IsPlainName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= 255 && name is not "." and not ".."
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    /// <summary>The scenario's results folder, <c>outputs.directory</c> followed by <paramref name="suffix"/>, as a full
    /// path; unless <paramref name="allowOutside"/>, it must lie inside &lt;current folder&gt;/results once every
    /// symbolic link is resolved.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="suffix">Appended to the folder's name ("-heterogeneity" for that command's folder), or empty.</param>
    /// <param name="allowOutside">Whether the user allowed any folder.</param>
    /// <param name="otherwise">The end of the fix: how else the user may choose the folder, e.g. "or give --output".</param>
    /// <param name="currentDirectory">The folder relative paths start from (null: the current directory).</param>
    /// <exception cref="ScenarioException">The folder lies outside results/ (one problem at $.outputs.directory).</exception>
    public static string ScenarioFolder(Scenario scenario, string suffix, bool allowOutside, string otherwise, string? currentDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(suffix);
        var current = Path.GetFullPath(currentDirectory ?? Directory.GetCurrentDirectory());
        var written = scenario.Outputs.Directory;
        var full = Path.GetFullPath(written + suffix, current);
        if (allowOutside)
        {
            return full;
        }

        var root = Path.Combine(current, ResultsFolder);
        var problem = Path.IsPathRooted(written) ? "is an absolute path"
            : !Inside(full, root) ? $"leads outside {ResultsFolder}/"
            : RealPathProblem(full, root);
        if (problem is null)
        {
            return full;
        }

        var example = IsPlainName(scenario.Name) ? scenario.Name : "my-run";
        throw new ScenarioException(new ScenarioProblem(
            scenario.File,
            "$.outputs.directory",
            $"'{written}' {problem}; a scenario file may only name a folder under {ResultsFolder}/ of the current folder ({root})",
            $"write for example \"{ResultsFolder}/{example}\", {otherwise}"));
    }

    /// <summary>A folder a command derives from the scenario's folder (a sweep's <c>sweeps/&lt;name&gt;</c> beside it), as a
    /// full path, checked as <see cref="ScenarioFolder"/> checks the scenario's own: inside &lt;current folder&gt;/results
    /// once every symbolic link is resolved.</summary>
    /// <exception cref="ScenarioException">The derived folder lies outside results/ (one problem at $.outputs.directory).</exception>
    public static string DerivedFolder(Scenario scenario, string derived, string otherwise, string? currentDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(derived);
        var current = Path.GetFullPath(currentDirectory ?? Directory.GetCurrentDirectory());
        var full = Path.GetFullPath(derived, current);
        var root = Path.Combine(current, ResultsFolder);
        var problem = !Inside(full, root) ? $"leads outside {ResultsFolder}/" : RealPathProblem(full, root);
        if (problem is null)
        {
            return full;
        }

        throw new ScenarioException(new ScenarioProblem(
            scenario.File,
            "$.outputs.directory",
            $"the folder derived from '{scenario.Outputs.Directory}', {full}, {problem}; a scenario file may only name folders under {ResultsFolder}/ of the current folder ({root})",
            $"write a folder below {ResultsFolder}/, for example \"{ResultsFolder}/{(IsPlainName(scenario.Name) ? scenario.Name : "my-run")}\", {otherwise}"));
    }

    /// <summary>Reports a <c>name</c> that is not plain (<see cref="IsPlainName"/>) to <paramref name="reader"/>.</summary>
    internal static void CheckName(ScenarioJsonReader reader, JObject root, string? name)
    {
        if (name is not null && !IsPlainName(name))
        {
            reader.Report(
                ScenarioJsonReader.PathOf(root, "name"),
                $"'{name}' is not a plain name (it also names the results folder)",
                "use only letters, digits, '-', '_' and '.', for example \"bandwidth-sweep\"");
        }
    }

    private static string? RealPathProblem(string full, string root)
    {
        try
        {
            return Inside(RealPath(full), RealPath(root)) ? null : $"leads outside {ResultsFolder}/ through a symbolic link";
        }
        catch (IOException)
        {
            return "leads through a loop of symbolic links";
        }
    }

    // Whether `path` is strictly inside `folder` (both full and normalised).
    private static bool Inside(string path, string folder)
    {
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison) && path.Length > prefix.Length;
    }

    /// <summary>The path with every symbolic link among its existing parts replaced by what it points to.</summary>
    internal static string RealPath(string full, int links = 0)
    {
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (links >= MaxLinks)
                {
                    throw new IOException($"{next}: too many symbolic links (a loop?)");
                }

                current = RealPath(Path.GetFullPath(target, current), links + 1);
                continue;
            }

            if (!info.Exists && !Directory.Exists(next))
            {
                return Path.Combine([current, .. parts[i..]]);
            }

            current = next;
        }

        return current;
    }
}
