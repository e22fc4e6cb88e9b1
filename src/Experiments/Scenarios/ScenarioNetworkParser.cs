using Newtonsoft.Json.Linq;
using Sasg.Learning.Encoding;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>network</c> and <c>compute</c> blocks.</summary>
internal static class ScenarioNetworkParser
{
    private static readonly string[] NetworkFields =
    [
        "uplink", "downlink", "latency", "serverIngress", "ingress", "broadcast", "headerBytes", "requestBytes",
        "skipNoticeBytes", "encoding", "workers", "traceFile", "mtu", "connection", "linkTraces",
        "topology",
    ];

    public static ScenarioNetwork ParseNetwork(ScenarioJsonReader r, JObject? network, int? workers)
    {
        network ??= [];
        r.Fields(network, NetworkFields);
        var uplink = r.Bandwidth(network, "uplink") ?? Bandwidth.OneGigabitPerSecond;
        var downlink = r.Bandwidth(network, "downlink") ?? uplink;
        var latency = r.Duration(network, "latency") ?? SimTime.FromMicroseconds(50);
        var ingressBandwidth = r.Bandwidth(network, "serverIngress") ?? uplink;
        var ingress = r.Word(network, "ingress", ScenarioWords.Ingress) ?? IngressPolicy.SequentialPush;
        var broadcast = r.Word(network, "broadcast", ScenarioWords.Broadcasts) ?? BroadcastMode.Parallel;
        var header = r.Size(network, "headerBytes") ?? DataSize.Zero;
        var request = r.Size(network, "requestBytes") ?? DataSize.FromBytes(64);
        var skip = r.Size(network, "skipNoticeBytes") ?? DataSize.Zero;
        var encoding = ReadEncoding(r, network);
        var overrides = ReadOverrides(r, network, workers);
        string? traceFile = null;
        if (r.String(network, "traceFile", "\"traces/workers.csv\"") is { } trace)
        {
            traceFile = r.ResolvePath(trace);
            CheckTraceFile(r, network["traceFile"]!, traceFile, workers);
        }

        // Absent: the wire-bytes default (none on a trace file's links); null: payload bytes only.
        var mtuToken = network["mtu"];
        var mtu = mtuToken is { Type: JTokenType.Null } ? null : r.Int(network, "mtu", 576, "1500 (or null for payload bytes only)", max: 65535);
        if (mtu is not null && traceFile is not null)
        {
            r.Report(ScenarioJsonReader.PathOf(mtuToken!), "mtu does not apply to a worker trace file's links", "remove \"mtu\" or \"traceFile\"");
        }

        mtu = mtuToken is null && traceFile is null ? ScenarioNetwork.DefaultMtu : mtu;

        var connection = r.String(network, "connection", "\"persistent\"");
        if (connection is not null and not "persistent" and not "new")
        {
            r.Report(ScenarioJsonReader.PathOf(network["connection"]!), $"unknown connection '{connection}'", "write \"persistent\" (warm connections, the default) or \"new\" (a new TCP connection per upload)");
        }

        if (connection == "new" && traceFile is not null)
        {
            r.Report(ScenarioJsonReader.PathOf(network["connection"]!), "connection does not apply to a worker trace file's links", "remove \"connection\" or \"traceFile\"");
        }

        var linkTraces = ScenarioInputsParser.ParseLinkTraces(r, network);
        if (connection == "new" && linkTraces is { Uplink.Count: > 0 })
        {
            r.Report(ScenarioJsonReader.PathOf(network["connection"]!), "connection \"new\" does not apply to traced uplinks (slow start is modelled at a fixed rate only)", "remove \"connection\" or \"linkTraces.uplink\"");
        }

        var parsed = new ScenarioNetwork(uplink, downlink, latency, ingressBandwidth, ingress, broadcast, header, request, skip, encoding, overrides, traceFile)
        {
            Mtu = mtu,
            NewConnectionPerUpload = connection == "new",
            LinkTraces = linkTraces,
        };
        return parsed with { Topology = ScenarioTopologyParser.Parse(r, network, parsed, workers) };
    }

    public static ScenarioCompute ParseCompute(ScenarioJsonReader r, JObject? compute, int? workers)
    {
        compute ??= [];
        r.Fields(compute, ["costPerSample", "speed", "straggler"]);
        var cost = r.Duration(compute, "costPerSample") ?? SimTime.FromMicroseconds(1);
        IReadOnlyList<double> speed = Enumerable.Repeat(1.0, workers ?? 0).ToArray();
        if (r.Array(compute, "speed", "an array of positive numbers, one per worker", "[1, 1, 0.5]") is { } array)
        {
            speed = array.Select(item => r.Number(item, v => v > 0, "a number greater than 0", "0.5") ?? 1).ToArray();
            if (workers is { } m && array.Count != m)
            {
                r.Report(ScenarioJsonReader.PathOf(array), $"{array.Count} speeds for {m} workers", $"write exactly {m} numbers, one per worker");
            }
        }

        var straggler = StragglerNoise.None;
        if (r.String(compute, "straggler", "\"lognormal(-0.125,0.5)\"") is { } text)
        {
            try
            {
                straggler = StragglerNoise.Parse(text);
            }
            catch (ArgumentException)
            {
                r.Report(ScenarioJsonReader.PathOf(compute["straggler"]!), $"unknown or invalid straggler noise '{text}'", "write \"none\", \"constant(v)\", \"uniform(low,high)\" or \"lognormal(mu,sigma)\" with finite, non-negative numbers (sigma >= 0, high >= low)");
            }
        }

        return new ScenarioCompute(cost, speed, straggler);
    }

    private static string ReadEncoding(ScenarioJsonReader r, JObject network)
    {
        var token = network["encoding"];
        if (r.String(token, "\"default\"") is not { } name)
        {
            return "default";
        }

        if (string.Equals(name, "default", StringComparison.OrdinalIgnoreCase))
        {
            return "default";
        }

        if (WireEncodings.TryByName(name, out var encoding))
        {
            return encoding.Name;
        }

        r.Report(ScenarioJsonReader.PathOf(token!), $"unknown encoding '{name}'", $"write \"default\" or one of {string.Join(", ", WireEncodings.All.Select(e => $"\"{e.Name}\""))}");
        return "default";
    }

    private static List<ScenarioWorkerLink> ReadOverrides(ScenarioJsonReader r, JObject network, int? workers)
    {
        var result = new List<ScenarioWorkerLink>();
        var example = "[{ \"worker\": 0, \"uplink\": \"100Mbps\" }]";
        if (r.Array(network, "workers", "an array of per-worker overrides", example) is not { } array)
        {
            return result;
        }

        foreach (var item in array)
        {
            if (item is not JObject entry)
            {
                r.Report(ScenarioJsonReader.PathOf(item), $"expected an object, found {ScenarioJsonReader.Describe(item)}", "write { \"worker\": 0, \"uplink\": \"100Mbps\" }");
                continue;
            }

            r.Fields(entry, ["worker", "uplink", "downlink", "latency", "headerBytes"]);
            var max = workers is { } m ? m - 1 : int.MaxValue;
            var what = workers is null ? "a worker index of at least 0" : $"a worker index in 0..{max}";
            var index = r.Int(entry["worker"], 0, max, what, "0");
            if (entry["worker"] is null)
            {
                r.Missing(entry, "worker", "0");
            }

            var link = new ScenarioWorkerLink(index ?? -1, r.Bandwidth(entry, "uplink"), r.Bandwidth(entry, "downlink"), r.Duration(entry, "latency"), r.Size(entry, "headerBytes"));
            if (index is null)
            {
                continue;
            }

            if (result.Any(w => w.Worker == index))
            {
                r.Report(ScenarioJsonReader.PathOf(entry["worker"]!), $"worker {index} is overridden twice", "merge the two entries into one");
                continue;
            }

            result.Add(link);
        }

        result.Sort((a, b) => a.Worker.CompareTo(b.Worker));
        return result;
    }

    private static void CheckTraceFile(ScenarioJsonReader r, JToken token, string path, int? workers)
    {
        if (!File.Exists(path))
        {
            r.Report(ScenarioJsonReader.PathOf(token), $"file '{path}' does not exist", "write a worker trace file path relative to the scenario file's folder");
            return;
        }

        try
        {
            var profiles = WorkerTraceFile.Load(path);
            if (workers is { } m && profiles.Count != m)
            {
                r.Report(ScenarioJsonReader.PathOf(token), $"the trace file describes {profiles.Count} workers but data.workers is {m}", $"give the trace file {m} workers, or change \"workers\"");
            }
        }
        catch (FormatException exception)
        {
            r.Report(ScenarioJsonReader.PathOf(token), $"the trace file is malformed ({exception.Message})", $"start it with the header '{WorkerTraceFile.Header}' and one line per worker");
        }
    }
}
