using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Learning.Algorithms;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>protocol</c> block and checks it against the workers, the algorithms and the network.</summary>
internal static class ScenarioProtocolParser
{
    /// <summary>The methods whose server chooses which workers upload (requests, or one worker per iteration): with
    /// workers that upload on their own clock there is no round in which to choose.</summary>
    public static IReadOnlyList<string> ServerSelected { get; } = ["LAG-PS", "LASG-PS", "Cyc-IAG", "Num-IAG"];

    private static readonly string[] DeadlineFields = ["kind", "deadline", "overSelect", "late"];
    private static readonly string[] AsynchronousFields = ["kind", "damping"];
    private static readonly string[] BufferedFields = ["kind", "buffer", "damping"];
    private static readonly string[] AllFields = ["kind", "deadline", "overSelect", "late", "buffer", "damping"];

    /// <summary>The protocol, or <see cref="ScenarioProtocol.Synchronous"/> when the block is absent or invalid.</summary>
    /// <param name="r">Where problems go.</param>
    /// <param name="protocol">The block, or null.</param>
    /// <param name="workers">M, when known.</param>
    /// <param name="participants">K of a <c>participation</c> block (workers asked per round), or null for all M.</param>
    /// <param name="algorithms">The scenario's methods.</param>
    /// <param name="network">The network block as written (for the paths of its fields), or null.</param>
    /// <param name="parsedNetwork">The network with defaults applied.</param>
    public static ScenarioProtocol Parse(
        ScenarioJsonReader r,
        JObject? protocol,
        int? workers,
        int? participants,
        IReadOnlyList<ScenarioAlgorithm> algorithms,
        JObject? network,
        ScenarioNetwork parsedNetwork)
    {
        if (protocol is null)
        {
            return ScenarioProtocol.Synchronous;
        }

        var written = r.Word(protocol, "kind", ScenarioWords.Protocols);
        if (written is null && protocol["kind"] is not null)
        {
            return ScenarioProtocol.Synchronous; // the unknown word is reported; its fields cannot be judged
        }

        var kind = written ?? ProtocolKind.Synchronous;
        if (kind != ProtocolKind.Synchronous && participants is not null)
        {
            r.Report(
                "$.participation",
                $"partial participation samples the workers of synchronous rounds; protocol kind \"{ScenarioWords.Protocols.WordOf(kind)}\" asks every worker",
                "remove \"participation\", or use \"protocol\": { \"kind\": \"synchronous\" }; under \"deadline\", \"overSelect\": n keeps the first M - n arrivals");
            participants = null;
        }

        var fields = kind switch
        {
            ProtocolKind.Deadline => DeadlineFields,
            ProtocolKind.Asynchronous => AsynchronousFields,
            ProtocolKind.Buffered => BufferedFields,
            _ => ["kind"],
        };
        var kindWord = ScenarioWords.Protocols.WordOf(kind);
        r.Fields(protocol, fields, name => AllFields.Contains(name) ? $"does not apply to protocol kind \"{kindWord}\" ({Owner(name)})" : null);
        var result = kind switch
        {
            ProtocolKind.Deadline => ReadDeadline(r, protocol, workers, participants),
            ProtocolKind.Buffered => new ScenarioProtocol(
                kind,
                Buffer: BufferSize(r, protocol, workers),
                Damping: r.Word(protocol, "damping", ScenarioWords.Dampings) ?? StalenessDamping.None),
            ProtocolKind.Asynchronous => new ScenarioProtocol(kind, Damping: r.Word(protocol, "damping", ScenarioWords.Dampings) ?? StalenessDamping.None),
            _ => ScenarioProtocol.Synchronous,
        };
        if (kind is ProtocolKind.Asynchronous or ProtocolKind.Buffered)
        {
            CheckUnclocked(r, kindWord, algorithms, network, parsedNetwork);
        }
        else if (kind == ProtocolKind.Deadline)
        {
            CheckDeadlineNetwork(r, network, parsedNetwork);
        }

        return result;
    }

    private static string Owner(string field) => field switch
    {
        "deadline" or "overSelect" or "late" => "it belongs to \"deadline\"",
        "buffer" => "it belongs to \"buffered\"",
        _ => "it belongs to \"asynchronous\" and \"buffered\"",
    };

    private static ScenarioProtocol ReadDeadline(ScenarioJsonReader r, JObject protocol, int? workers, int? participants)
    {
        var asked = participants ?? workers;
        SimTime? deadline = null;
        int? fastest = null;
        var token = protocol["deadline"];
        if (token is null)
        {
            r.Missing(protocol, "deadline", "\"2s\" (seconds after the broadcast) or { \"fastest\": 8 } (the 8th arrival)");
        }
        else if (token is JObject fastestObject)
        {
            r.Fields(fastestObject, ["fastest"]);
            var max = asked ?? int.MaxValue;
            var what = asked is null
                ? "a whole number of at least 1"
                : $"a whole number in 1..{asked.Value.ToString(CultureInfo.InvariantCulture)} (the workers {(participants is null ? "" : "sampled ")}per round)";
            fastest = r.Int(fastestObject["fastest"], 1, max, what, "8");
            if (fastestObject["fastest"] is null)
            {
                r.Missing(fastestObject, "fastest", "8");
            }
        }
        else
        {
            deadline = r.Duration(protocol, "deadline");
            if (deadline is { } d && d <= SimTime.Zero)
            {
                r.Report(ScenarioJsonReader.PathOf(token), "a deadline of 0 s closes every round before any upload arrives", "write a duration greater than 0, for example \"2s\"");
                deadline = null;
            }
        }

        var overSelect = r.Int(protocol, "overSelect", 0, "2") ?? 0;
        if (overSelect > 0 && workers is { } m && overSelect >= m)
        {
            r.Report(
                ScenarioJsonReader.PathOf(protocol["overSelect"]!),
                $"over-selection asks all {m.ToString(CultureInfo.InvariantCulture)} workers and keeps the first M - {overSelect.ToString(CultureInfo.InvariantCulture)} arrivals, which leaves none",
                $"write \"overSelect\" from 0 to {(m - 1).ToString(CultureInfo.InvariantCulture)}");
        }

        var late = r.Word(protocol, "late", ScenarioWords.LateUploadWords) ?? LateUploads.Drop;
        return new ScenarioProtocol(ProtocolKind.Deadline, deadline, fastest, overSelect, late);
    }

    private static int? BufferSize(ScenarioJsonReader r, JObject protocol, int? workers)
    {
        var max = workers ?? int.MaxValue;
        var what = workers is null ? "a whole number of at least 1" : $"a whole number in 1..{max.ToString(CultureInfo.InvariantCulture)} (at most the workers)";
        if (protocol["buffer"] is null)
        {
            r.Missing(protocol, "buffer", "10 (the arrivals per server update)");
            return null;
        }

        return r.Int(protocol["buffer"], 1, max, what, "10");
    }

    // Deadline rounds send each asked worker the model on its own downlink and take uploads as they come: the server's
    // one-at-a-time requests of sequential-pull and the ordered or relayed broadcasts are not modelled there.
    private static void CheckDeadlineNetwork(ScenarioJsonReader r, JObject? network, ScenarioNetwork parsed)
    {
        if (parsed.Ingress == IngressPolicy.SequentialPull && network?["ingress"] is { } ingress)
        {
            r.Report(
                ScenarioJsonReader.PathOf(ingress),
                "sequential-pull (the server requesting each upload in worker order) is not modelled in deadline rounds, which take uploads as they arrive",
                "write \"sequential-push\", \"fair-share\" or \"unlimited\"");
        }

        if (parsed.Broadcast != BroadcastMode.Parallel && network?["broadcast"] is { } broadcast)
        {
            r.Report(
                ScenarioJsonReader.PathOf(broadcast),
                "deadline rounds send each asked worker the model on its own downlink; an ordered or relayed broadcast is not modelled there",
                "write \"parallel\" or remove \"broadcast\"");
        }
    }

    // Asynchronous and buffered servers have no rounds: nothing to select workers in, no turn to pull uploads in, no
    // broadcast to relay through workers.
    private static void CheckUnclocked(
        ScenarioJsonReader r, string kind, IReadOnlyList<ScenarioAlgorithm> algorithms, JObject? network, ScenarioNetwork parsed)
    {
        foreach (var algorithm in algorithms)
        {
            if (ServerSelected.Contains(algorithm.Name, StringComparer.OrdinalIgnoreCase))
            {
                r.Report(
                    algorithm.JsonPath + ".name",
                    $"{algorithm.Name} chooses at the server which workers upload each round, and protocol kind \"{kind}\" has no rounds (workers upload on their own clock)",
                    "use a method whose workers decide (LAG-WK, LASG-WK2, SASG, ...) or protocol kind \"synchronous\" or \"deadline\"");
            }
        }

        if (parsed.Ingress == IngressPolicy.SequentialPull && network?["ingress"] is { } ingress)
        {
            r.Report(
                ScenarioJsonReader.PathOf(ingress),
                $"sequential-pull has the server fetch the round's uploads one worker at a time in worker order, and protocol kind \"{kind}\" has no rounds to take turns in",
                "write \"sequential-push\", \"fair-share\" or \"unlimited\"");
        }

        if (parsed.Broadcast != BroadcastMode.Parallel && network?["broadcast"] is { } broadcast)
        {
            r.Report(
                ScenarioJsonReader.PathOf(broadcast),
                $"under protocol kind \"{kind}\" each worker pulls the model on its own downlink when it is ready, so there is no broadcast to order or relay",
                "write \"parallel\" or remove \"broadcast\"");
        }
    }
}
