using System.Text;

namespace Sasg.Experiments.Results;

/// <summary>.sasg-files: the files a run wrote (or was about to write) in its results folder, one path relative to the
/// folder per line, so that the next run into the folder deletes exactly those and nothing a user put there.</summary>
/// <remarks>Only names Sasg writes are honoured (<see cref="IsSasgFile"/>): an edited or foreign list cannot make a
/// run delete anything else, nor anything outside the folder.</remarks>
internal static class FolderManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = ".sasg-files";

    private const string Header = "# Files Sasg wrote in this folder; the next 'sasg run' into it deletes them first (docs/outputs.md).";

    /// <summary>The trace files a run writes when <c>outputs.trace</c> is on.</summary>
    public static IReadOnlyList<string> TraceNames { get; } = [RunTraces.CsvName, RunTraces.JsonName];

    /// <summary>The entries of the manifest in <paramref name="directory"/> that name a file Sasg writes; empty when
    /// there is none.</summary>
    public static IReadOnlyList<string> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            return [];
        }

        return File.ReadLines(path).Where(IsSasgFile).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes <paramref name="entries"/> as the manifest of <paramref name="directory"/>.</summary>
    public static void Write(string directory, IEnumerable<string> entries)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var entry in entries.Distinct(StringComparer.Ordinal))
        {
            text.Append(entry).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(directory, FileName), text.ToString());
    }

    /// <summary>Adds <paramref name="files"/> (paths in or below <paramref name="directory"/>) that Sasg writes to the
    /// manifest of <paramref name="directory"/>, keeping what it lists; for files written after a run, such as the plots
    /// of <c>sasg plot</c>, so that the next run into the folder deletes them too.</summary>
    public static void Add(string directory, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var full = Path.GetFullPath(directory);
        var added = files.Select(f => RelativeEntry(full, f)).Where(IsSasgFile);
        Write(full, Read(full).Concat(added));
    }

    /// <summary>The manifest entry of <paramref name="file"/>: its path relative to <paramref name="directory"/> with
    /// '/' separators.</summary>
    public static string RelativeEntry(string directory, string file) =>
        Path.GetRelativePath(directory, Path.GetFullPath(file)).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Whether <paramref name="entry"/> is the relative path of a file Sasg writes in a results folder: one of
    /// <see cref="ResultsFolder.FileNames"/> or <see cref="TraceNames"/>, or a plot in plots/.</summary>
    public static bool IsSasgFile(string entry) =>
        ResultsFolder.FileNames.Contains(entry) || ProtocolTables.FileNames.Contains(entry) || TraceNames.Contains(entry) || IsPlot(entry);

    /// <summary>Whether <paramref name="entry"/> is <c>plots/&lt;name&gt;.png</c> or <c>.svg</c> with a plain name.</summary>
    public static bool IsPlot(string entry)
    {
        const string Folder = "plots/";
        if (!entry.StartsWith(Folder, StringComparison.Ordinal))
        {
            return false;
        }

        var name = entry[Folder.Length..];
        return (name.EndsWith(".png", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal))
            && name.Length > 4
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            && !name.StartsWith('.');
    }
}
