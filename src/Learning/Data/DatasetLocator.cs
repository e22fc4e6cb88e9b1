namespace Sasg.Learning.Data;

/// <summary>Finds a dataset's folder by a fixed, documented search order.</summary>
/// <remarks>
/// The order is: the folder named by the environment variable <c>SASG_DATA</c>; <c>data/</c> in the current
/// directory; <c>data/</c> at the root of the Sasg checkout that contains the current directory (and, for
/// lag-uci, the team's <c>../shared/data</c> beside that checkout); then system folders such as the Debian
/// package's <c>/usr/share/datasets/fashion-mnist</c>. The first folder that holds every marker file wins.
/// </remarks>
public sealed class DatasetLocator
{
    /// <summary>The environment variable that names the first data root searched.</summary>
    public const string EnvironmentVariable = "SASG_DATA";

    private readonly IReadOnlyList<string> _dataRoots;
    private readonly bool _searchSystemFolders;

    /// <summary>A locator over explicit data roots (tests use this to control every place searched).</summary>
    /// <param name="dataRoots">Folders searched first, in order.</param>
    /// <param name="searchSystemFolders">Whether the datasets' system folders are searched after the roots.</param>
    public DatasetLocator(IReadOnlyList<string> dataRoots, bool searchSystemFolders)
    {
        ArgumentNullException.ThrowIfNull(dataRoots);
        _dataRoots = dataRoots;
        _searchSystemFolders = searchSystemFolders;
    }

    /// <summary>The locator with the documented search order for this process's environment and directory.</summary>
    public static DatasetLocator Default { get; } = new(DefaultRoots(), searchSystemFolders: true);

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

    private static List<string> DefaultRoots()
    {
        var roots = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            roots.Add(fromEnvironment);
        }

        roots.Add(Path.Combine(Environment.CurrentDirectory, "data"));
        var checkout = FindCheckoutRoot(Environment.CurrentDirectory) ?? FindCheckoutRoot(AppContext.BaseDirectory);
        if (checkout is not null)
        {
            roots.Add(Path.Combine(checkout, "data"));
            roots.Add(Path.Combine(checkout, "..", "shared", "data"));
        }

        return roots;
    }

    /// <summary>The nearest ancestor of <paramref name="start"/> that holds Sasg.sln, or null.</summary>
    internal static string? FindCheckoutRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sasg.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
