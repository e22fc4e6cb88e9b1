using System.Text;
using System.Text.Json;

namespace Sasg.Experiments.Scenarios;

/// <summary>Checks that scenario text is JSON as RFC 8259 defines it (plus <c>//</c> and <c>/* */</c> comments)
/// before the lenient reader builds the tree.</summary>
/// <remarks>Newtonsoft's reader accepts raw control characters (a NUL) inside strings, single quotes, unquoted names,
/// NaN and trailing commas; none of them is JSON, and editors and JSON Schema tools reject them. The strict reader
/// allocates no tree, so it costs one pass over the bytes.</remarks>
internal static class StrictJson
{
    /// <summary>The fix every invalid-JSON problem gives.</summary>
    public const string Fix =
        "fix the JSON syntax (double quotes around names and strings, commas between fields, no trailing commas, control characters escaped as \\u0000)";

    /// <summary>The problem with <paramref name="json"/> as one line, or null when it is one strict JSON value.</summary>
    public static ScenarioProblem? Check(string json, string fileName)
    {
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), options);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException exception)
        {
            var message = exception.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
            return new ScenarioProblem(
                fileName,
                "$",
                $"invalid JSON at line {(exception.LineNumber ?? 0) + 1}, position {(exception.BytePositionInLine ?? 0) + 1}: {message}",
                Fix);
        }
    }
}
