using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Typed reads of JSON fields that record every problem instead of stopping at the first one.</summary>
/// <remarks>Each getter returns null when the field is absent or invalid; an invalid field adds one problem.</remarks>
internal sealed class ScenarioJsonReader(string file, string? baseDirectory)
{
    public string File { get; } = file;

    public string? BaseDirectory { get; } = baseDirectory;

    public List<ScenarioProblem> Problems { get; } = [];

    public static string PathOf(JToken token) => token.Path.Length == 0 ? "$" : "$." + token.Path;

    public static string PathOf(JObject parent, string name) => PathOf(parent) + "." + name;

    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.String => $"the string \"{token.Value<string>()}\"",
        JTokenType.Integer or JTokenType.Float when ScenarioJsonNumber.TryNumber(token, out var value, out _) && !double.IsFinite(value) =>
            NumberText(token, value),
        JTokenType.Integer or JTokenType.Float => "the number " + token.ToString(Formatting.None),
        JTokenType.Boolean => token.ToString(Formatting.None),
        JTokenType.Null => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => token.Type.ToString(),
    };

    public void Report(string path, string problem, string fix) => Problems.Add(new ScenarioProblem(File, path, problem, fix));

    public void Missing(JObject parent, string name, string example) =>
        Report(PathOf(parent, name), "missing required field", $"add \"{name}\": {example}");

    /// <summary>Reports every field of <paramref name="obj"/> not in <paramref name="applicable"/>: as not applying when
    /// <paramref name="notApplicable"/> gives a reason, otherwise as unknown (with a suggestion when one is close).</summary>
    public void Fields(JObject obj, IReadOnlyCollection<string> applicable, Func<string, string?>? notApplicable = null)
    {
        foreach (var property in obj.Properties())
        {
            if (applicable.Contains(property.Name))
            {
                continue;
            }

            var reason = notApplicable?.Invoke(property.Name);
            if (reason is not null)
            {
                Report(PathOf(property.Value), $"field '{property.Name}' {reason}", $"remove \"{property.Name}\"");
                continue;
            }

            var suggestion = Suggest(property.Name, applicable);
            Report(
                PathOf(property.Value),
                $"unknown field '{property.Name}'",
                suggestion is null
                    ? $"remove it; the fields here are {string.Join(", ", applicable)}"
                    : $"did you mean '{suggestion}'?");
        }
    }

    public JObject? Object(JObject parent, string name, bool required = false, string example = "{ ... }")
    {
        var token = parent[name];
        if (token is null)
        {
            if (required)
            {
                Missing(parent, name, example);
            }

            return null;
        }

        if (token is JObject obj)
        {
            return obj;
        }

        Report(PathOf(token), $"expected an object, found {Describe(token)}", $"write an object, for example \"{name}\": {example}");
        return null;
    }

    public JArray? Array(JObject parent, string name, string what, string example, bool required = false)
    {
        var token = parent[name];
        if (token is null)
        {
            if (required)
            {
                Missing(parent, name, example);
            }

            return null;
        }

        if (token is JArray array)
        {
            return array;
        }

        Report(PathOf(token), $"expected {what}, found {Describe(token)}", $"write {what}, for example {example}");
        return null;
    }

    public long? Long(JToken? token, long min, long max, string what, string example)
    {
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Integer || !ScenarioJsonNumber.TryNumber(token, out _, out var whole))
        {
            Report(PathOf(token), $"expected {what}, found {Describe(token)}", $"write {what}, for example {example}");
            return null;
        }

        if (whole is not { } value || value < min || value > max)
        {
            Report(PathOf(token), $"{token.ToString(Formatting.None)} is out of range", $"write {what}, for example {example}");
            return null;
        }

        return value;
    }

    public int? Int(JObject parent, string name, int min, string example, bool required = false, int max = int.MaxValue)
    {
        var what = max == int.MaxValue
            ? $"a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}"
            : $"a whole number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}";
        return Int(Required(parent, name, example, required), min, max, what, example);
    }

    public int? Int(JToken? token, int min, int max, string what, string example) =>
        (int?)Long(token, min, max, what, example);

    public double? Number(JObject parent, string name, Func<double, bool> valid, string what, string example, bool required = false) =>
        Number(Required(parent, name, example, required), valid, what, example);

    public double? Number(JToken? token, Func<double, bool> valid, string what, string example)
    {
        if (token is null)
        {
            return null;
        }

        if (!ScenarioJsonNumber.TryNumber(token, out var value, out _))
        {
            Report(PathOf(token), $"expected {what}, found {Describe(token)}", $"write {what}, for example {example}");
            return null;
        }

        if (token.Type == JTokenType.Integer && Math.Abs(value) > ScenarioJsonNumber.MaxExactInteger)
        {
            // A double holds whole numbers exactly only up to 2^53; a larger one would change silently.
            Report(PathOf(token), $"{token.ToString(Formatting.None)} is beyond 2^53, the largest whole number a double holds exactly", $"write {what}, for example {example}");
            return null;
        }

        if (!double.IsFinite(value) || !valid(value))
        {
            Report(PathOf(token), $"{NumberText(token, value)} is out of range", $"write {what}, for example {example}");
            return null;
        }

        return value;
    }

    public string? String(JObject parent, string name, string example, bool required = false, bool allowEmpty = false) =>
        String(Required(parent, name, example, required), example, allowEmpty);

    public string? String(JToken? token, string example, bool allowEmpty = false)
    {
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String || (!allowEmpty && token.Value<string>()!.Trim().Length == 0))
        {
            Report(PathOf(token), $"expected a non-empty string, found {Describe(token)}", $"write a string, for example {example}");
            return null;
        }

        var value = token.Value<string>()!;
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            // No field takes a NUL character, and a path with one makes every file API throw.
            Report(PathOf(token), "the string holds a NUL character (\\u0000)", $"write a string without it, for example {example}");
            return null;
        }

        return value;
    }

    public bool? Bool(JObject parent, string name)
    {
        var token = parent[name];
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            Report(PathOf(token), $"expected true or false, found {Describe(token)}", "write true or false (without quotes)");
            return null;
        }

        return token.Value<bool>();
    }

    public T? Word<T>(JObject parent, string name, ScenarioWordList<T> words, bool required = false)
        where T : struct => Word(Required(parent, name, $"\"{words.Words[0]}\"", required), words);

    public T? Word<T>(JToken? token, ScenarioWordList<T> words)
        where T : struct
    {
        if (token is null)
        {
            return null;
        }

        var text = token.Type == JTokenType.String ? token.Value<string>()! : null;
        if (text is not null && words.TryGet(text, out var value))
        {
            return value;
        }

        Report(
            PathOf(token),
            text is null ? $"expected a word, found {Describe(token)}" : $"unknown value '{text}'",
            $"write one of {words.Listing}");
        return null;
    }

    public Bandwidth? Bandwidth(JObject parent, string name) => Quantity<Bandwidth>(parent[name], Units.TryParseBandwidth);

    public SimTime? Duration(JObject parent, string name) => Quantity<SimTime>(parent[name], Units.TryParseDuration);

    public DataSize? Size(JObject parent, string name) => Quantity<DataSize>(parent[name], Units.TryParseSize);

    /// <summary>Whether data files and folders named by the scenario must exist (false when only the scenario's
    /// other parts are needed, as in <c>sasg replay</c>).</summary>
    public bool RequireDataFiles { get; init; } = true;

    /// <summary>True when <paramref name="resolved"/> must exist as a file and does not.</summary>
    public bool DataFileMissing(string resolved) => RequireDataFiles && !System.IO.File.Exists(resolved);

    /// <summary>True when <paramref name="resolved"/> must exist as a folder and does not.</summary>
    public bool DataFolderMissing(string resolved) => RequireDataFiles && !Directory.Exists(resolved);


    public string ResolvePath(string path) =>
        System.IO.Path.GetFullPath(path, BaseDirectory ?? Directory.GetCurrentDirectory());

    private JToken? Required(JObject parent, string name, string example, bool required)
    {
        var token = parent[name];
        if (token is null && required)
        {
            Missing(parent, name, example);
        }

        return token;
    }

    private delegate bool TryParseQuantity<T>(string text, out T value, out UnitError error);

    private T? Quantity<T>(JToken? token, TryParseQuantity<T> parse)
        where T : struct
    {
        if (token is null)
        {
            return null;
        }

        if (token.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float)
        {
            // A bare number never parses (a unit is required), so numbers land here with a "has no unit" problem.
            var text = token.Type == JTokenType.String ? token.Value<string>()! : token.ToString(Formatting.None);
            if (parse(text, out var value, out var error))
            {
                return value;
            }

            Report(PathOf(token), error.Problem, error.Fix);
            return null;
        }

        parse("?", out _, out var hint);
        Report(PathOf(token), $"expected a string with a unit, found {Describe(token)}", hint.Fix);
        return null;
    }

    // A number as the file wrote it; a double cannot hold one beyond its range (Newtonsoft reads 1e400 as infinity).
    private static string NumberText(JToken token, double value) =>
        double.IsFinite(value) ? token.ToString(Formatting.None) : "a number beyond \u00b11.8e308";

    private static string? Suggest(string name, IEnumerable<string> known) => EditDistance.Closest(name, known);
}
