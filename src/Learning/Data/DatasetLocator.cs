namespace Sasg.Learning.Data;

/// <summary>Finds a dataset's folder by a fixed, documented search order.</summary>
/// <remarks>
/// The order is: the folder named by the environment variable <c>SASG_DATA</c>; <c>data/</c> in the current
/// directory; <c>data/</c> at the root of the Sasg checkout that contains the current directory, then of the one that
/// contains the program (a checkout is a folder holding <c>Sasg.sln</c> or <c>data/lag-uci</c>, so a build with
/// <c>--artifacts-path</c> or a publish inside the checkout finds the shipped sets); then system folders such as the
/// Debian package's <c>/usr/share/datasets/fashion-mnist</c>. The first folder that holds every marker file wins
/// (docs/datasets.md).
/// </remarks>
public sealed class DatasetLocator
{
    /// <summary>The environment variable that names the first data root searched.</summary>
    public const string EnvironmentVariable = "SASG_DATA";

    private readonly IReadOnlyList<string> _dataRoots;
    private readonly bool _searchSystemFolders;
    private readonly string? _installRoot;

    /// <summary>A locator over explicit data roots (tests use this to control every place searched).</summary>
    /// <param name="dataRoots">Folders searched first, in order.</param>
    /// <param name="searchSystemFolders">Whether the datasets' system folders are searched after the roots.</param>
    /// <param name="installRoot">The data root a missing dataset without a system folder belongs in (default: the
    /// first of <paramref name="dataRoots"/>).</param>
    public DatasetLocator(IReadOnlyList<string> dataRoots, bool searchSystemFolders, string? installRoot = null)
    {
        ArgumentNullException.ThrowIfNull(dataRoots);
        _dataRoots = dataRoots;
        _searchSystemFolders = searchSystemFolders;
        _installRoot = installRoot ?? (dataRoots.Count > 0 ? dataRoots[0] : null);
    }

    /// <summary>The locator with the documented search order for this process's environment and directory.</summary>
    public static DatasetLocator Default { get; } = ForEnvironment(
        Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.CurrentDirectory, AppContext.BaseDirectory);

    /// <summary>Every folder searched for <paramref name="dataset"/>, in order.</summary>
    public IReadOnlyList<string> Candidates(DatasetInfo dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var candidates = new List<string>();
        foreach (var root in _dataRoots)
        {
            foreach (var folder in dataset.FolderNames)
            {
                candidates.Add(Path.GetFullPath(Path.Combine(root, folder)));
            }
        }

        if (_searchSystemFolders)
        {
            candidates.AddRange(dataset.SystemFolders);
        }

        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Where <paramref name="dataset"/> belongs when it is missing: its system folder (where its package
    /// installs it), else its first folder name under the install root (the checkout's <c>data/</c> by default).</summary>
    public string InstallFolder(DatasetInfo dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.SystemFolders.Count > 0)
        {
            return dataset.SystemFolders[0];
        }

        if (_installRoot is null)
        {
            return dataset.FolderNames[0];
        }

        return Path.GetFullPath(Path.Combine(_installRoot, dataset.FolderNames[0]));
    }

    /// <summary>The first folder holding <paramref name="dataset"/>, or false when none does.</summary>
    public bool TryLocate(DatasetInfo dataset, out string folder)
    {
        foreach (var candidate in Candidates(dataset))
        {
            if (HasAllMarkers(candidate, dataset.MarkerFiles))
            {
                folder = candidate;
                return true;
            }
        }

        folder = string.Empty;
        return false;
    }

    /// <summary>The folder holding <paramref name="dataset"/>.</summary>
    /// <exception cref="DatasetNotFoundException">No searched folder holds the dataset; the message says how to install it.</exception>
    public string Locate(DatasetInfo dataset)
    {
        if (TryLocate(dataset, out var folder))
        {
            return folder;
        }

        var searched = string.Join(", ", Candidates(dataset));
        throw new DatasetNotFoundException(
            dataset.Name,
            $"Dataset '{dataset.Name}' is not installed (searched: {searched}). Install it with: {dataset.InstallHint}");
    }

    private static bool HasAllMarkers(string folder, IReadOnlyList<string> markers)
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }

        foreach (var marker in markers)
        {
            var alternatives = marker.Split('|');
            if (!alternatives.Any(name => File.Exists(Path.Combine(folder, name))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The documented search order for the given environment: <paramref name="fromEnvironment"/> (the value
    /// of <c>SASG_DATA</c>, or null), <c>data/</c> in <paramref name="currentDirectory"/>, then <c>data/</c> in the
    /// checkouts above <paramref name="currentDirectory"/> and above <paramref name="programDirectory"/>.</summary>
    /// <param name="fromEnvironment">The value of <c>SASG_DATA</c>, or null when it is not set.</param>
    /// <param name="currentDirectory">The process's current directory.</param>
    /// <param name="programDirectory">The folder of the running program (<see cref="AppContext.BaseDirectory"/>).</param>
    public static DatasetLocator ForEnvironment(string? fromEnvironment, string currentDirectory, string programDirectory)
    {
        var roots = new List<string>();
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            roots.Add(Path.GetFullPath(fromEnvironment));
        }

        roots.Add(Path.GetFullPath(Path.Combine(currentDirectory, "data")));
        var checkouts = new[] { FindCheckoutRoot(currentDirectory), FindCheckoutRoot(programDirectory) }.OfType<string>().ToList();
        roots.AddRange(checkouts.Select(checkout => Path.Combine(checkout, "data")));
        var distinct = roots.Distinct(StringComparer.Ordinal).ToList();
        var installRoot = checkouts.Count > 0 ? Path.Combine(checkouts[0], "data") : distinct[0];
        return new DatasetLocator(distinct, searchSystemFolders: true, installRoot);
    }

    /// <summary>The nearest ancestor of <paramref name="start"/> (itself included) that holds Sasg.sln or the shipped
    /// <c>data/lag-uci</c>, or null.</summary>
    internal static string? FindCheckoutRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sasg.sln"))
                || Directory.Exists(Path.Combine(directory.FullName, "data", "lag-uci")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
