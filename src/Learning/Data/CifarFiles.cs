namespace Sasg.Learning.Data;

/// <summary>Finds the folder of a CIFAR set and checks its files: shared by <see cref="Cifar10"/> and <see cref="Cifar100"/>.</summary>
/// <remarks>CIFAR is in no package registry Sasg can reach: a user downloads the "binary version" from
/// <see cref="DownloadPage"/> and unpacks it where the locator searches (docs/datasets.md).</remarks>
public static class CifarFiles
{
    /// <summary>The page the CIFAR archives are downloaded from.</summary>
    public const string DownloadPage = "https://www.cs.toronto.edu/~kriz/cifar.html";

    /// <summary>For a CIFAR set, finds its folder (naming any missing file) and checks the size of every file in it
    /// (not the labels, which takes reading them); does nothing for another dataset.</summary>
    /// <param name="dataset">Any known dataset.</param>
    /// <param name="locator">Where to search.</param>
    /// <param name="folder">The CIFAR set's folder, or empty for another dataset.</param>
    /// <returns>Whether <paramref name="dataset"/> is a CIFAR set.</returns>
    /// <exception cref="DatasetNotFoundException">The CIFAR set is missing, or a file of it.</exception>
    /// <exception cref="DataFormatException">A file's size is not the binary version's.</exception>
    public static bool TryCheck(DatasetInfo dataset, DatasetLocator locator, out string folder)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        folder = string.Empty;
        if (dataset != KnownDatasets.Cifar10 && dataset != KnownDatasets.Cifar100)
        {
            return false;
        }

        folder = Locate(dataset, null, locator);
        if (dataset == KnownDatasets.Cifar10)
        {
            Cifar10.CheckFiles(folder);
        }
        else
        {
            Cifar100.CheckFiles(folder);
        }

        return true;
    }

    /// <summary>The folder that holds every file of <paramref name="dataset"/>: <paramref name="folder"/> (or its
    /// subfolder named as the archive unpacks, for example <c>cifar-10-batches-bin</c>) when given, else the
    /// locator's first match.</summary>
    /// <exception cref="DatasetNotFoundException">No such folder; when a searched folder exists but lacks some files,
    /// the message names them.</exception>
    public static string Locate(DatasetInfo dataset, string? folder, DatasetLocator? locator)
    {
        if (folder is not null)
        {
            var full = Path.GetFullPath(folder);
            foreach (var candidate in new[] { full, Path.Combine(full, dataset.FolderNames[0]) })
            {
                if (Missing(dataset, candidate).Count == 0)
                {
                    return candidate;
                }
            }

            throw Incomplete(dataset, Directory.Exists(Path.Combine(full, dataset.FolderNames[0])) ? Path.Combine(full, dataset.FolderNames[0]) : full);
        }

        locator ??= DatasetLocator.Default;
        if (locator.TryLocate(dataset, out var found))
        {
            return found;
        }

        var partial = locator.Candidates(dataset).FirstOrDefault(Directory.Exists);
        return partial is not null ? throw Incomplete(dataset, partial) : locator.Locate(dataset);
    }

    private static List<string> Missing(DatasetInfo dataset, string folder) =>
        dataset.MarkerFiles.Where(name => !File.Exists(Path.Combine(folder, name))).ToList();

    private static DatasetNotFoundException Incomplete(DatasetInfo dataset, string folder)
    {
        var missing = Missing(dataset, folder);
        var what = Directory.Exists(folder) ? $"{folder} has no {string.Join(", ", missing)}" : $"{folder} does not exist";
        return new DatasetNotFoundException(
            dataset.Name, $"Dataset '{dataset.Name}' is not installed: {what}. Install it with: {dataset.InstallHint}");
    }
}
