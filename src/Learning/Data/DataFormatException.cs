namespace Sasg.Learning.Data;

/// <summary>A data file exists but its content is not what its format requires.</summary>
/// <remarks>
/// The message is one line that starts with the file's path and, for text formats, the 1-based line number, for
/// example <c>/data/housing/X.txt: line 17: expected 13 values, found 12</c>.
/// </remarks>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/> (and <paramref name="line"/>, when known).</summary>
    public DataFormatException(string path, int? line, string problem)
        : base(line is { } number ? $"{path}: line {number}: {problem}" : $"{path}: {problem}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file whose content is wrong.</summary>
    public string Path { get; }

    /// <summary>The 1-based line number of the problem in a text file, or null when it is not about one line.</summary>
    public int? Line { get; }
}
