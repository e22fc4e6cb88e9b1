using Newtonsoft.Json.Linq;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the time-varying inputs: <c>network.linkTraces</c> and <c>availability</c>. The files they name are
/// read on load (when data files are required), so that a malformed one is reported with its file and line.</summary>
internal static class ScenarioInputsParser
{
    private const string TracesExample = "{ \"uplink\": [\"traces/cell.up\"], \"startOffset\": \"random\" }";

    public static ScenarioLinkTraces? ParseLinkTraces(ScenarioJsonReader r, JObject network)
    {
        if (r.Object(network, "linkTraces", example: TracesExample) is not { } traces)
        {
            return null;
        }

        r.Fields(traces, ["uplink", "downlink", "startOffset"]);
        var uplink = Files(r, traces, "uplink");
        var downlink = Files(r, traces, "downlink");
        if (traces["uplink"] is null && traces["downlink"] is null)
        {
            r.Report(ScenarioJsonReader.PathOf(traces), "no trace files given", $"give \"uplink\" or \"downlink\" (or both), for example {TracesExample}");
        }

        SimTime? offset = SimTime.Zero;
        var start = traces["startOffset"];
        if (start is { Type: JTokenType.String } && start.Value<string>()!.Trim() is var text && !(text.Length > 0 && char.IsAsciiDigit(text[0])))
        {
            offset = null;
            if (!string.Equals(text, "random", StringComparison.OrdinalIgnoreCase))
            {
                r.Report(ScenarioJsonReader.PathOf(start), $"unknown start offset '{text}'", "write \"random\" (a seeded offset per worker) or a duration, for example \"30s\"");
            }
        }
        else if (start is not null)
        {
            offset = r.Duration(traces, "startOffset") ?? SimTime.Zero;
        }

        return new ScenarioLinkTraces(uplink, downlink, offset);
    }

    public static ScenarioAvailability? ParseAvailability(ScenarioJsonReader r, JObject? availability, int? workers)
    {
        if (availability is null)
        {
            return null;
        }

        var hasFile = availability["file"] is not null;
        var modelFields = new[] { "model", "meanOnline", "meanOffline" };
        r.Fields(
            availability,
            hasFile ? ["file"] : ["file", .. modelFields],
            name => hasFile && modelFields.Contains(name) ? "applies only to \"model\": \"on-off\", not with \"file\"" : null);
        if (hasFile)
        {
            if (r.String(availability, "file", "\"availability.csv\"") is not { } file)
            {
                return null;
            }

            var resolved = r.ResolvePath(file);
            var token = availability["file"]!;
            if (r.DataFileMissing(resolved))
            {
                r.Report(ScenarioJsonReader.PathOf(token), $"file '{resolved}' does not exist", "write an availability file path relative to the scenario file's folder");
            }
            else if (r.RequireDataFiles && workers is { } m)
            {
                Check(r, token, () => AvailabilitySchedule.Load(resolved, m), $"write the header '{AvailabilitySchedule.Header}' and one online interval per line");
            }

            return new ScenarioAvailability(resolved, SimTime.Zero, SimTime.Zero);
        }

        if (availability["model"] is null)
        {
            r.Report(ScenarioJsonReader.PathOf(availability), "neither \"file\" nor \"model\" given", $"add \"file\": \"availability.csv\", or \"model\": \"{ScenarioAvailability.OnOffModel}\" with \"meanOnline\" and \"meanOffline\"");
            return null;
        }

        var model = r.String(availability, "model", $"\"{ScenarioAvailability.OnOffModel}\"");
        if (model is not null && !string.Equals(model, ScenarioAvailability.OnOffModel, StringComparison.OrdinalIgnoreCase))
        {
            r.Report(ScenarioJsonReader.PathOf(availability["model"]!), $"unknown model '{model}'", $"write \"{ScenarioAvailability.OnOffModel}\" (exponential online and offline periods), or give \"file\" instead");
        }

        var online = Mean(r, availability, "meanOnline", "\"10min\"");
        var offline = Mean(r, availability, "meanOffline", "\"2min\"");
        return online is null || offline is null ? null : new ScenarioAvailability(null, online.Value, offline.Value);
    }

    private static SimTime? Mean(ScenarioJsonReader r, JObject availability, string name, string example)
    {
        if (availability[name] is null)
        {
            r.Missing(availability, name, example);
            return null;
        }

        var value = r.Duration(availability, name);
        if (value is { Nanoseconds: 0 })
        {
            r.Report(ScenarioJsonReader.PathOf(availability[name]!), $"{name} is 0", $"write a duration above 0, for example {example}");
            return null;
        }

        return value;
    }

    private static List<string> Files(ScenarioJsonReader r, JObject traces, string name)
    {
        var files = new List<string>();
        if (r.Array(traces, name, "an array of trace file paths", "[\"traces/cell.up\"]") is not { } array)
        {
            return files;
        }

        if (array.Count == 0)
        {
            r.Report(ScenarioJsonReader.PathOf(array), "no trace files given", $"list at least one file, or remove \"{name}\"");
        }

        foreach (var item in array)
        {
            if (r.String(item, "\"traces/cell.up\"") is not { } path)
            {
                continue;
            }

            var resolved = r.ResolvePath(path);
            files.Add(resolved);
            if (r.DataFileMissing(resolved))
            {
                r.Report(ScenarioJsonReader.PathOf(item), $"file '{resolved}' does not exist", "write a trace file path relative to the scenario file's folder");
            }
            else if (r.RequireDataFiles)
            {
                Check(r, item, () => CapacityTrace.Load(resolved), "write a Mahimahi trace (one line per 1500-byte delivery opportunity, in ms) or a CSV trace (header time_s,bits_per_second)");
            }
        }

        return files;
    }

    // Reads a file to report its first problem as one line: the parser's "file:line: problem; fix".
    private static void Check(ScenarioJsonReader r, JToken token, Action read, string fix)
    {
        try
        {
            read();
        }
        catch (FormatException exception)
        {
            var message = exception.Message;
            var split = message.IndexOf("; ", StringComparison.Ordinal);
            r.Report(ScenarioJsonReader.PathOf(token), split < 0 ? message : message[..split], split < 0 ? fix : message[(split + 2)..]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            r.Report(ScenarioJsonReader.PathOf(token), $"cannot read the file ({exception.Message})", "give a readable file");
        }
    }
}
