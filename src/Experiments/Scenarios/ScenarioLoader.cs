using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads and validates scenario files (docs/scenario-format.md); every problem is reported at once.</summary>
public static class ScenarioLoader
{
    private static readonly string[] RootFields =
    [
        "$schema", "name", "description", "seed", "data", "model", "training", "stop", "evaluation", "algorithms",
        "network", "compute", "outputs", "sweep", "availability", "protocol", "participation",
    ];

    /// <summary>Reads the scenario file at <paramref name="path"/>; relative paths inside resolve against its folder.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="requireData">Whether the data files and folders it names must exist (false for a scenario read
    /// back from a results folder only for its network, as <c>sasg replay</c> does).</param>
    /// <exception cref="ScenarioException">The file is missing, is not JSON, or has any invalid field (all reported).</exception>
    public static Scenario Load(string path, bool requireData = true) => Load(path, requireData, ScenarioLimits.MaxFileBytes);

    /// <summary>Loads the scenario.json a run wrote into a results folder, which may be larger than a user's scenario
    /// (<see cref="ScenarioLimits.MaxResolvedFileBytes"/>).</summary>
    /// <exception cref="ScenarioException">The file is missing, too large, not JSON or has any invalid field.</exception>
    public static Scenario LoadResolved(string path, bool requireData = true) => Load(path, requireData, ScenarioLimits.MaxResolvedFileBytes);

    private static Scenario Load(string path, bool requireData, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ReadCapped(path, maxBytes), path, Path.GetDirectoryName(Path.GetFullPath(path)), requireData, maxBytes);
    }

    /// <summary>Parses scenario JSON; <paramref name="fileName"/> names it in problems and relative paths resolve
    /// against <paramref name="baseDirectory"/> (the current directory when null).</summary>
    /// <exception cref="ScenarioException">The text is not JSON or has any invalid field (all reported).</exception>
    public static Scenario Parse(string json, string fileName, string? baseDirectory) =>
        Parse(json, fileName, baseDirectory, true, ScenarioLimits.MaxFileBytes);

    private static Scenario Parse(string json, string fileName, string? baseDirectory, bool requireData, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        var root = ReadJson(json, fileName, maxBytes);
        var reader = new ScenarioJsonReader(fileName, baseDirectory) { RequireDataFiles = requireData };
        var scenario = Read(reader, root, validateSweep: true);
        if (reader.Problems.Count > 0 || scenario is null)
        {
            throw new ScenarioException(reader.Problems);
        }

        return scenario with { BaseDirectory = baseDirectory };
    }

    /// <summary>Parses a JSON object already in memory (a sweep cell); problems go to <paramref name="reader"/>.</summary>
    internal static Scenario? Read(ScenarioJsonReader reader, JObject root, bool validateSweep)
    {
        var r = reader;
        r.Fields(root, RootFields);
        var name = r.String(root, "name", "\"bandwidth-sweep\"", required: true);
        ResultsPathRules.CheckName(r, root, name);
        var description = r.String(root, "description", "\"what this run shows\"", allowEmpty: true) ?? string.Empty;
        var seed = r.Long(root["seed"], 0, long.MaxValue, "a whole number of at least 0", "1") ?? 1;
        if (root["$schema"] is { } schema)
        {
            r.String(schema, "\"scenario.schema.json\"");
        }

        var dataObject = r.Object(root, "data", required: true, example: "{ \"source\": \"lag-synthetic\", \"workers\": 9 }");
        var data = dataObject is null ? null : ScenarioDataParser.Parse(r, (JObject)dataObject);
        int? workers = data?.Workers;
        if (ScenarioJsonNumber.WholeNumber(dataObject?["workers"]) is { } w and >= 1 and <= ScenarioLimits.MaxWorkers)
        {
            workers = (int)w;
        }

        var modelObject = r.Object(root, "model", required: true, example: "{ \"kind\": \"linear\" }");
        var model = modelObject is null ? null : ScenarioModelParser.Parse(r, (JObject)modelObject, data);
        var trainingObject = r.Object(root, "training", required: true, example: "{ \"iterations\": 1000, \"stepSize\": 0.1 }");
        var training = trainingObject is null ? null : ScenarioTrainingParser.ParseTraining(r, (JObject)trainingObject, model?.Kind);
        var stopObject = r.Object(root, "stop");
        var stop = stopObject is null ? ScenarioStop.None : ScenarioTrainingParser.ParseStop(r, (JObject)stopObject, model?.Kind, model?.Lambda);
        var evaluation = ScenarioTrainingParser.ParseEvaluation(r, r.Object(root, "evaluation"), training, data);
        var algorithms = ReadAlgorithms(r, root);
        var network = ScenarioNetworkParser.ParseNetwork(r, r.Object(root, "network"), workers);
        var compute = ScenarioNetworkParser.ParseCompute(r, r.Object(root, "compute"), workers);
        var availability = ScenarioInputsParser.ParseAvailability(r, r.Object(root, "availability", example: "{ \"file\": \"availability.csv\" }"), workers);
        var participants = ScenarioJsonNumber.WholeNumber((root["participation"] as JObject)?["workers"]) is { } k and >= 1 and <= ScenarioLimits.MaxWorkers
            ? (int?)k
            : null;
        var protocol = ScenarioProtocolParser.Parse(
            r, r.Object(root, "protocol"), workers, participants, algorithms, root["network"] as JObject, network);
        var outputs = ReadOutputs(r, r.Object(root, "outputs"), name ?? "scenario");
        var participation = ScenarioParticipationParser.Parse(
            r, r.Object(root, "participation", example: "{ \"workers\": 10, \"among\": \"all\" }"), workers);
        ScenarioTopologyParser.Check(r, network.Topology, root["network"] as JObject, network, algorithms, protocol, participation is not null);
        if (validateSweep && root["sweep"] is null && algorithms.Count > 0 && !algorithms.Any(a => a.RunsOn(network.Topology.Kind)))
        {
            r.Report(
                "$.network.topology.kind",
                $"no algorithm runs on topology kind \"{ScenarioWords.TopologyKinds.WordOf(network.Topology.Kind)}\" (each lists other \"topologies\")",
                "add the kind to an algorithm's \"topologies\", or choose a kind they list");
        }

        var sweep = validateSweep ? ScenarioSweepParser.Parse(r, root) : null;
        if (name is null || data is null || model is null || training is null)
        {
            return null;
        }

        return new Scenario(
            name, description, seed, data, model, training, stop, evaluation, algorithms, network, compute, outputs, sweep,
            r.File, (JObject)root.DeepClone())
        {
            BaseDirectory = r.BaseDirectory,
            Protocol = protocol,
            Availability = availability,
            Participation = participation,
        };
    }

    internal static JObject ReadJson(string json, string fileName, long maxBytes = ScenarioLimits.MaxFileBytes)
    {
        if (json.Length > maxBytes)
        {
            throw new ScenarioException(TooLarge(fileName, $"{json.Length} characters", maxBytes));
        }

        if (StrictJson.Check(json, fileName) is { } invalid)
        {
            throw new ScenarioException(invalid);
        }

        using var text = new StringReader(json);
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        var settings = new JsonLoadSettings
        {
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            LineInfoHandling = LineInfoHandling.Load,
            CommentHandling = CommentHandling.Ignore,
        };
        JToken token;
        try
        {
            token = JToken.ReadFrom(reader, settings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException($"Additional text after the end of the scenario object. Path '', line {reader.LineNumber}, position {reader.LinePosition}.");
                }
            }
        }
        catch (JsonReaderException exception)
        {
            throw new ScenarioException(new ScenarioProblem(
                fileName, "$", $"invalid JSON at line {exception.LineNumber}, position {exception.LinePosition}: {FirstSentence(exception.Message)}",
                StrictJson.Fix));
        }

        return token as JObject ?? throw new ScenarioException(new ScenarioProblem(
            fileName, "$", $"expected a JSON object, found {ScenarioJsonReader.Describe(token)}", "write the scenario as one object { \"name\": ..., ... }"));
    }

    // Reads at most the size cap (a 47 MB file or /dev/zero is refused before it fills memory).
    private static string ReadCapped(string path, long maxBytes)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new ScenarioException(new ScenarioProblem(path, "$", "is a folder, not a scenario file", "give the path of a scenario file (.json)"));
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                throw new ScenarioException(TooLarge(path, $"{stream.Length} bytes", maxBytes));
            }

            using var reader = new StreamReader(stream);
            // A seekable file's length sizes the buffer; length 0 (procfs, /dev/zero) or a pipe says nothing, so the cap does.
            var known = stream.CanSeek && stream.Length > 0;
            var buffer = new char[(known ? Math.Min(stream.Length, maxBytes) : maxBytes) + 1];
            var count = reader.ReadBlock(buffer, 0, buffer.Length);
            if (count > maxBytes)
            {
                throw new ScenarioException(TooLarge(path, $"more than {maxBytes} bytes", maxBytes));
            }

            if (known && count == buffer.Length)
            {
                throw new ScenarioException(new ScenarioProblem(path, "$", "the file grew while it was read", "read it again once it is written"));
            }

            return new string(buffer, 0, count);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(new ScenarioProblem(
                path,
                "$",
                exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read the file ({exception.Message})",
                "give the path of an existing scenario file"));
        }
    }

    private static ScenarioProblem TooLarge(string file, string size, long maxBytes) => new(
        file,
        "$",
        $"the file is {size}, more than the {maxBytes} bytes ({maxBytes >> 20} MiB) a scenario file may have",
        "give a scenario file; data belongs in the files that data.path names");

    private static string FirstSentence(string message)
    {
        var pathIndex = message.IndexOf(" Path '", StringComparison.Ordinal);
        return (pathIndex > 0 ? message[..pathIndex] : message).TrimEnd('.');
    }

    private static List<ScenarioAlgorithm> ReadAlgorithms(ScenarioJsonReader r, JObject root)
    {
        var result = new List<ScenarioAlgorithm>();
        var example = "[{ \"name\": \"GD\" }, { \"name\": \"LAG-WK\" }]";
        if (r.Array(root, "algorithms", "an array of algorithms", example, required: true) is not { } array)
        {
            return result;
        }

        if (array.Count == 0)
        {
            r.Report(ScenarioJsonReader.PathOf(array), "no algorithms given", $"list at least one, for example {example}");
        }

        var names = string.Join(", ", ScenarioWords.Algorithms);
        foreach (var item in array)
        {
            if (item is not JObject entry)
            {
                r.Report(ScenarioJsonReader.PathOf(item), $"expected an object, found {ScenarioJsonReader.Describe(item)}", "write { \"name\": \"GD\" }");
                continue;
            }

            r.Fields(entry, ["name", "label", "parameters", "topologies"]);
            var written = r.String(entry, "name", "\"GD\"", required: true);
            var name = ScenarioWords.Algorithms.FirstOrDefault(a => string.Equals(a, written, StringComparison.OrdinalIgnoreCase));
            if (written is not null && name is null)
            {
                r.Report(ScenarioJsonReader.PathOf(entry["name"]!), $"unknown algorithm '{written}'", $"write one of {names}");
            }

            var label = r.String(entry, "label", "\"SASG-1%\"") ?? name ?? written ?? string.Empty;
            var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
            if (r.Object(entry, "parameters", example: "{ \"fraction\": 0.01 }") is { } values)
            {
                foreach (var property in values.Properties())
                {
                    if (ScenarioJsonNumber.TryNumber(property.Value, out var number, out _)
                        && (!double.IsFinite(number) || (property.Value.Type == JTokenType.Integer && Math.Abs(number) > ScenarioJsonNumber.MaxExactInteger)))
                    {
                        r.Report(ScenarioJsonReader.PathOf(property.Value), $"{ScenarioJsonReader.Describe(property.Value)} is out of range", "write a number within \u00b12^53, for example 0.01");
                        continue;
                    }

                    object? value = property.Value.Type switch
                    {
                        JTokenType.Integer or JTokenType.Float => number,
                        JTokenType.String => property.Value.Value<string>()!,
                        JTokenType.Boolean => property.Value.Value<bool>(),
                        _ => null,
                    };
                    if (value is null)
                    {
                        r.Report(ScenarioJsonReader.PathOf(property.Value), $"expected a number, string or true/false, found {ScenarioJsonReader.Describe(property.Value)}", "write a single value, for example 0.01");
                        continue;
                    }

                    parameters[property.Name] = value;
                }
            }

            if (name is null)
            {
                continue;
            }

            var clash = result.FirstOrDefault(a => string.Equals(a.Label, label, StringComparison.OrdinalIgnoreCase));
            if (clash is not null)
            {
                r.Report(ScenarioJsonReader.PathOf(entry, "label"), $"label '{label}' is already used by {clash.JsonPath}", "give each algorithm a distinct \"label\"");
                continue;
            }

            result.Add(new ScenarioAlgorithm(name, label, parameters, ScenarioJsonReader.PathOf(entry)) { Topologies = ReadTopologies(r, entry) });
        }

        return result;
    }

    // algorithms[i].topologies: the kinds the method runs on (distinct words, at least one), or null for all.
    private static List<TopologyKind>? ReadTopologies(ScenarioJsonReader r, JObject entry)
    {
        if (r.Array(entry, "topologies", "an array of topology kinds", "[\"star\", \"hierarchical\"]") is not { } array)
        {
            return null;
        }

        if (array.Count == 0)
        {
            r.Report(ScenarioJsonReader.PathOf(array), "no topology kinds given", $"list at least one of {ScenarioWords.TopologyKinds.Listing}, or remove \"topologies\"");
            return null;
        }

        var kinds = new List<TopologyKind>();
        foreach (var item in array)
        {
            if (r.Word(item, ScenarioWords.TopologyKinds) is not { } kind)
            {
                continue;
            }

            if (kinds.Contains(kind))
            {
                r.Report(ScenarioJsonReader.PathOf(item), $"topology kind \"{ScenarioWords.TopologyKinds.WordOf(kind)}\" is listed twice", "list each kind once");
                continue;
            }

            kinds.Add(kind);
        }

        // None valid: reported, and the method stays in every check.
        return kinds.Count > 0 ? kinds : null;
    }

    private static ScenarioOutputs ReadOutputs(ScenarioJsonReader r, JObject? outputs, string name)
    {
        if (outputs is null)
        {
            return new ScenarioOutputs($"results/{name}", true, true);
        }

        r.Fields((JObject)outputs, ["directory", "trace", "plots", "decisions"]);
        return new ScenarioOutputs(
            r.String((JObject)outputs, "directory", "\"results/my-run\"") ?? $"results/{name}",
            r.Bool((JObject)outputs, "trace") ?? true,
            r.Bool((JObject)outputs, "plots") ?? true,
            r.Word((JObject)outputs, "decisions", ScenarioWords.DecisionsFormats) ?? DecisionsFormat.Auto);
    }
}
