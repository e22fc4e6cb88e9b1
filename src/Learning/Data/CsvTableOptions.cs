namespace Sasg.Learning.Data;

/// <summary>How <see cref="CsvTableReader"/> reads a table: separator, header and which column holds the label.</summary>
public sealed record CsvTableOptions
{
    /// <summary>The character between values; a comma unless set.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first non-blank line holds column names rather than numbers; false unless set.</summary>
    public bool HasHeader { get; init; }

    /// <summary>The 0-based column of the label; a negative number counts from the end, so -1 (the default) is the last.</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>The header name of the label column; when set it overrides <see cref="LabelColumn"/> and needs a header.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>The number of classes for <see cref="LabelKind.Class"/>, or null for the largest label + 1.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The dataset's name; the file name without extension when null.</summary>
    public string? Name { get; init; }
}
