using System.Globalization;

namespace Sasg.Learning.Data;

/// <summary>Parses the numbers of text data files, with errors that name the file, line and column.</summary>
internal static class TextValues
{
    /// <summary>Opens <paramref name="path"/> for reading, or throws one clear error when it does not exist.</summary>
    public static StreamReader OpenText(string path)
    {
        RequireFile(path);
        return new StreamReader(path);
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> naming <paramref name="path"/> when it does not exist.</summary>
    public static void RequireFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
    }

    /// <summary>One finite number; NaN, infinities and text that is not a number are errors.</summary>
    public static double Parse(ReadOnlySpan<char> token, string path, int line, int column)
    {
        token = token.Trim();
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFormatException(path, line, $"value {column} '{token}' is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw new DataFormatException(path, line, $"value {column} is {token} (only finite numbers are accepted)");
        }

        return value;
    }

    /// <summary>Appends the numbers of a line separated by spaces or tabs; returns how many were appended.</summary>
    public static int AppendWhitespaceSeparated(ReadOnlySpan<char> text, List<double> values, string path, int line)
    {
        var count = 0;
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position == text.Length)
            {
                return count;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            count++;
            values.Add(Parse(text[start..position], path, line, count));
        }
    }
}
