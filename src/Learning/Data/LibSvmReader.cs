namespace Sasg.Learning.Data;

/// <summary>Reads the sparse LibSVM format: one sample a line, <c>label index:value index:value ...</c>.</summary>
/// <remarks>
/// Indices are 1-based and strictly increasing within a line; absent features are zero. The feature count is the
/// largest index in the file unless the caller gives one. Blank lines are skipped, and so is anything after '#'.
/// </remarks>
public static class LibSvmReader
{
    /// <summary>Reads <paramref name="path"/> into a dense dataset.</summary>
    /// <param name="path">The LibSVM file.</param>
    /// <param name="labels">How to interpret the labels (binary LibSVM sets use -1/+1).</param>
    /// <param name="featureCount">The number of features, or null for the largest index in the file.</param>
    /// <param name="classCount">The number of classes for <see cref="LabelKind.Class"/>, or null for the largest label + 1.</param>
    /// <param name="name">The dataset's name; the file name without extension when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A malformed pair, an index out of order or range, a value that is not a finite number, or a bad label.</exception>
    public static Dataset Read(
        string path, LabelKind labels, int? featureCount = null, int? classCount = null, string? name = null)
    {
        if (featureCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A dataset needs at least one feature.");
        }

        var rawLabels = new List<double>();
        var lines = new List<int>();
        var rows = new List<(int[] Indices, double[] Values)>();
        var indices = new List<int>();
        var values = new List<double>();
        var largest = 0;
        using (var reader = TextValues.OpenText(path))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } text)
            {
                lineNumber++;
                var comment = text.IndexOf('#', StringComparison.Ordinal);
                var tokens = (comment >= 0 ? text[..comment] : text)
                    .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0)
                {
                    continue;
                }

                rawLabels.Add(TextValues.Parse(tokens[0], path, lineNumber, 1));
                lines.Add(lineNumber);
                indices.Clear();
                values.Clear();
                for (var t = 1; t < tokens.Length; t++)
                {
                    var (index, value) = ParsePair(tokens[t], path, lineNumber, t + 1);
                    if (indices.Count > 0 && index <= indices[^1])
                    {
                        throw new DataFormatException(
                            path, lineNumber, $"index {index} follows index {indices[^1]}; indices must increase");
                    }

                    if (index > featureCount)
                    {
                        throw new DataFormatException(
                            path, lineNumber, $"index {index} exceeds the feature count {featureCount}");
                    }

                    indices.Add(index);
                    values.Add(value);
                    largest = Math.Max(largest, index);
                }

                rows.Add((indices.ToArray(), values.ToArray()));
            }
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, null, "holds no samples");
        }

        var width = featureCount ?? Math.Max(1, largest);
        var features = new double[checked(rows.Count * width)];
        for (var r = 0; r < rows.Count; r++)
        {
            var (rowIndices, rowValues) = rows[r];
            for (var k = 0; k < rowIndices.Length; k++)
            {
                features[(r * width) + rowIndices[k] - 1] = rowValues[k];
            }
        }

        return LabelConversion.Build(
            name ?? Path.GetFileNameWithoutExtension(path), features, width, rawLabels, labels, classCount, path, lines);
    }

    private static (int Index, double Value) ParsePair(string token, string path, int line, int position)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(token.AsSpan(0, colon), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            throw new DataFormatException(path, line, $"item {position} '{token}' is not index:value");
        }

        if (index < 1)
        {
            throw new DataFormatException(path, line, $"index {index} in '{token}'; LibSVM indices start at 1");
        }

        return (index, TextValues.Parse(token.AsSpan(colon + 1), path, line, position));
    }
}
