namespace Sasg.Learning.Data;

/// <summary>What the locator knows of one dataset: where it may be and how a user installs it.</summary>
/// <param name="Name">The name scenarios and the CLI use, for example "fashion-mnist".</param>
/// <param name="Description">One line for listings.</param>
/// <param name="FolderNames">Folder names tried, in order, under each data root.</param>
/// <param name="SystemFolders">Absolute folders tried after the data roots (for example a Debian package's).</param>
/// <param name="MarkerFiles">Files (any one of the alternatives separated by '|') that must all exist in the folder.</param>
/// <param name="InstallHint">The exact command, or instruction, that makes the dataset available.</param>
public sealed record DatasetInfo(
    string Name,
    string Description,
    IReadOnlyList<string> FolderNames,
    IReadOnlyList<string> SystemFolders,
    IReadOnlyList<string> MarkerFiles,
    string InstallHint);
