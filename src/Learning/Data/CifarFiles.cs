namespace Sasg.Learning.Data;

/// <summary>Finds the folder of a CIFAR set and checks its files: shared by <see cref="Cifar10"/> and <see cref="Cifar100"/>.</summary>
/// <remarks>CIFAR is in no package registry Sasg can reach: a user downloads the "binary version" from
/// <see cref="DownloadPage"/> and unpacks it where the locator searches (docs/datasets.md).</remarks>
public static class CifarFiles
{
    /// <summary>The page the CIFAR archives are downloaded from.</summary>
    public const string DownloadPage = "https://www.cs.toronto.edu/~kriz/cifar.html";

    /// <summary>Checks the size of every file of <paramref name="dataset"/> in <paramref name="folder"/> (not their
    /// labels, which takes reading them), or does nothing for a dataset that is not a CIFAR set.</summary>
    /// <returns>Whether <paramref name="dataset"/> is a CIFAR set.</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file's size is not what the binary version's is.</exception>
    public static bool CheckSizes(DatasetInfo dataset, string folder)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset == KnownDatasets.Cifar10)
        {
            Cifar10.CheckFiles(folder);
            return true;
        }

        if (dataset == KnownDatasets.Cifar100)
        {
            Cifar100.CheckFiles(folder);
            return true;
        }

        return false;
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
