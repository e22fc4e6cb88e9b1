using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Results;

/// <summary>The fields of a results folder's summary.json that replay and plots read, checked: <c>name</c>,
/// <c>workers</c>, <c>modelBytes</c> and, per method, <c>label</c>, <c>iterations</c> and <c>simulatedSeconds</c>.</summary>
/// <param name="Name">The run's name, or null.</param>
/// <param name="Workers">The number of workers M, or null when the summary does not say.</param>
/// <param name="ModelBytes">The model's size in bytes, or null when the summary does not say.</param>
/// <param name="Methods">The methods, in the summary's order (empty when it lists none).</param>
public sealed record RunSummary(string? Name, int? Workers, long? ModelBytes, IReadOnlyList<RunSummaryMethod> Methods)
{
    /// <summary>Why the run is incomplete (summary.json's <c>error</c> when its <c>status</c> is "incomplete": it failed,
    /// was killed, or was still running), or null for a run that finished.</summary>
    public string? Incomplete { get; init; }

    /// <summary>The largest summary.json read: a run's summary is a few kilobytes.</summary>
    public const long MaxFileBytes = 16L << 20;

    private const string Fix = "restore the file from the run, or delete it";

    /// <summary>The summary at <paramref name="path"/>, or null when there is no such file.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON, too large, or a field read has the wrong type or
    /// an impossible value; the message is one line naming the file, the JSON path and the fix.</exception>
    public static RunSummary? Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        if (file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path}: $: {file.Length.ToString(CultureInfo.InvariantCulture)} bytes is too large for a run's summary (at most {MaxFileBytes.ToString(CultureInfo.InvariantCulture)}); {Fix}.");
        }

        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(path)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            root = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw new JsonReaderException($"text after the end of the JSON value (line {reader.LineNumber.ToString(CultureInfo.InvariantCulture)})");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: $: not valid JSON ({OneLine(ex.Message)}); {Fix}.", ex);
        }

        if (root is not JObject summary)
        {
            throw Problem(path, "$", $"a JSON {root.Type.ToString().ToLowerInvariant()} where an object was expected");
        }

        var name = summary["name"] switch
        {
            null or { Type: JTokenType.Null } => null,
            JValue { Type: JTokenType.String } text => (string)text!,
            var other => throw Problem(path, "$.name", $"{Shown(other)} is not a string"),
        };
        var workers = Whole(path, summary, "workers", 1, int.MaxValue);
        var modelBytes = Whole(path, summary, "modelBytes", 1, long.MaxValue / 8);
        var incomplete = (summary["status"] as JValue)?.Value as string == "incomplete"
            ? (summary["error"] as JValue)?.Value as string ?? "no reason recorded"
            : null;
        return new RunSummary(name, (int?)workers, modelBytes, ReadMethods(path, summary["algorithms"])) { Incomplete = incomplete };
    }

    private static List<RunSummaryMethod> ReadMethods(string path, JToken? algorithms)
    {
        var methods = new List<RunSummaryMethod>();
        if (algorithms is null || algorithms.Type == JTokenType.Null)
        {
            return methods;
        }

        if (algorithms is not JArray list)
        {
            throw Problem(path, "$.algorithms", $"{Shown(algorithms)} is not a list");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"$.algorithms[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (list[i] is not JObject method)
            {
                throw Problem(path, at, $"{Shown(list[i])} is not an object");
            }

            if (method["label"] is not JValue { Type: JTokenType.String } label)
            {
                throw Problem(path, at + ".label", "missing or not a string");
            }

            if (methods.Any(m => m.Label == (string)label!))
            {
                throw Problem(path, at + ".label", $"'{OneLine((string)label!)}' is listed twice");
            }

            var iterations = (int?)Whole(path, method, "iterations", 0, int.MaxValue, at);
            double? seconds = method["simulatedSeconds"] switch
            {
                null or { Type: JTokenType.Null } => null,
                JValue { Type: JTokenType.Float or JTokenType.Integer } value when Finite(value, out var s) && s >= 0 => s,
                var other => throw Problem(path, at + ".simulatedSeconds", $"{Shown(other)} is not a number of seconds, 0 or more"),
            };
            methods.Add(new RunSummaryMethod((string)label!, iterations, seconds));
        }

        return methods;
    }

    // A whole number in [min, max] (a JSON integer, or a float with no fraction such as 1e3), or null when absent.
    private static long? Whole(string path, JObject parent, string field, long min, long max, string at = "$")
    {
        var token = parent[field];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        var value = token switch
        {
            JValue { Type: JTokenType.Integer, Value: long l } => (decimal?)l,
            JValue { Type: JTokenType.Float } f when Finite(f, out var d) && Math.Abs(d) < 1e19 && d == Math.Floor(d) => (decimal)d,
            _ => null,
        };
        return value is { } v && v >= min && v <= max
            ? (long)v
            : throw Problem(path, $"{at}.{field}", $"{Shown(token)} is not a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool Finite(JValue value, out double number)
    {
        number = value.Value is IConvertible c ? c.ToDouble(CultureInfo.InvariantCulture) : double.NaN;
        return double.IsFinite(number);
    }

    private static InvalidDataException Problem(string path, string jsonPath, string problem) =>
        new($"{path}: {jsonPath}: {problem}; {Fix}.");

    private static string Shown(JToken token)
    {
        var text = OneLine(token.ToString(Formatting.None));
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
