namespace Sasg.Learning.Data;

/// <summary>Reads a user's numeric table: one sample a line, values separated by a delimiter, one column the label.</summary>
/// <remarks>
/// Every value must be a finite number in the invariant culture; quoted fields are not supported (a table of numbers
/// has no need of them). Blank lines are skipped. Every row must have as many values as the first.
/// </remarks>
public static class CsvTableReader
{
    /// <summary>Reads <paramref name="path"/> into a dataset whose features are every column but the label column.</summary>
    /// <param name="path">The table.</param>
    /// <param name="labels">How to interpret the label column.</param>
    /// <param name="options">Delimiter, header, label column; the defaults when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A ragged row, a value that is not a finite number, a bad label, or no label column.</exception>
    public static Dataset Read(string path, LabelKind labels, CsvTableOptions? options = null)
    {
        options ??= new CsvTableOptions();
        var features = new List<double>();
        var rawLabels = new List<double>();
        var labelLines = new List<int>();
        var row = new List<double>();
        int? columnCount = null;
        var labelColumn = -1;
        using (var reader = TextValues.OpenText(path))
        {
            var lineNumber = 0;
            var headerPending = options.HasHeader;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var fields = line.Split(options.Delimiter);
                if (headerPending)
                {
                    headerPending = false;
                    columnCount = fields.Length;
                    labelColumn = LabelColumnOf(fields, isHeader: true, options, path, lineNumber);
                    continue;
                }

                if (columnCount is null)
                {
                    columnCount = fields.Length;
                    labelColumn = LabelColumnOf(fields, isHeader: false, options, path, lineNumber);
                }
                else if (fields.Length != columnCount)
                {
                    throw new DataFormatException(path, lineNumber, $"expected {columnCount} values, found {fields.Length}");
                }

                row.Clear();
                for (var column = 0; column < fields.Length; column++)
                {
                    row.Add(TextValues.Parse(fields[column], path, lineNumber, column + 1));
                }

                rawLabels.Add(row[labelColumn]);
                row.RemoveAt(labelColumn);
                features.AddRange(row);
                labelLines.Add(lineNumber);
            }
        }

        if (rawLabels.Count == 0)
        {
            throw new DataFormatException(path, null, "holds no samples");
        }

        var name = options.Name ?? Path.GetFileNameWithoutExtension(path);
        return LabelConversion.Build(
            name, features.ToArray(), columnCount!.Value - 1, rawLabels, labels, options.ClassCount, path, labelLines);
    }

    private static int LabelColumnOf(string[] firstRow, bool isHeader, CsvTableOptions options, string path, int line)
    {
        var columns = firstRow.Length;
        if (columns < 2)
        {
            throw new DataFormatException(
                path,
                line,
                $"found {columns} value(s); a table needs a label column and at least one feature "
                    + $"(delimiter '{options.Delimiter}')");
        }

        if (options.LabelColumnName is { } wanted)
        {
            if (!isHeader)
            {
                throw new ArgumentException(
                    $"{path}: the label column is named '{wanted}', which needs {nameof(CsvTableOptions.HasHeader)} = true.",
                    nameof(options));
            }

            var index = Array.FindIndex(firstRow, field => field.Trim() == wanted);
            return index >= 0
                ? index
                : throw new DataFormatException(path, line, $"the header has no column '{wanted}'");
        }

        var resolved = options.LabelColumn < 0 ? columns + options.LabelColumn : options.LabelColumn;
        if (resolved < 0 || resolved >= columns)
        {
            throw new ArgumentException(
                $"{path}: label column {options.LabelColumn} does not exist in a table of {columns} columns.",
                nameof(options));
        }

        return resolved;
    }
}
