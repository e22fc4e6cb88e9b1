using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Writes a scenario with every resolved value (units in canonical form, paths absolute) as JSON that the
/// loader reads back to an equal scenario. Optional values that are unset (no stop target, all samples, Body Fat
/// targets, no trace file) are left out.</summary>
internal static class ScenarioWriter
{
    public static JObject Write(Scenario s)
    {
        var root = new JObject
        {
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["seed"] = s.Seed,
            ["data"] = Data(s.Data),
            ["model"] = Model(s.Model),
            ["training"] = Training(s.Training),
            ["stop"] = Stop(s.Stop),
            ["evaluation"] = Evaluation(s.Evaluation),
            ["algorithms"] = new JArray(s.Algorithms.Select(Algorithm)),
            ["network"] = Network(s.Network),
            ["compute"] = new JObject
            {
                ["costPerSample"] = Units.FormatDuration(s.Compute.CostPerSample),
                ["speed"] = new JArray(s.Compute.Speed),
                ["straggler"] = ReferenceEquals(s.Compute.Straggler, StragglerNoise.None) ? "none" : s.Compute.Straggler.Description,
            },
            ["outputs"] = new JObject { ["directory"] = s.Outputs.Directory, ["trace"] = s.Outputs.Trace, ["plots"] = s.Outputs.Plots },
        };
        if (s.Outputs.Decisions != DecisionsFormat.Auto)
        {
            // Written only when chosen, so that the scenario.json of a run that keeps the default is as before.
            ((JObject)root["outputs"]!)["decisions"] = ScenarioWords.DecisionsFormats.WordOf(s.Outputs.Decisions);
        }

        if (s.Availability is { } availability)
        {
            // Written only when set, after compute, so that the scenario.json of every other run is as before.
            root.Property("compute")!.AddAfterSelf(new JProperty("availability", Availability(availability)));
        }

        if (s.Protocol.Kind != ProtocolKind.Synchronous)
        {
            // Written only when not the default, so that the scenario.json of a synchronous run is as before.
            root["protocol"] = Protocol(s.Protocol);
        }

        if (s.Participation is { } participation)
        {
            root["participation"] = ScenarioParticipationParser.Write(participation);
        }

        if (s.Sweep is { } sweep)
        {
            root["sweep"] = new JObject(sweep.Axes.Select(a => new JProperty(a.Path, new JArray(a.Values.Select(v => v.DeepClone())))));
        }

        return root;
    }

    private static JObject Protocol(ScenarioProtocol p)
    {
        var protocol = new JObject { ["kind"] = ScenarioWords.Protocols.WordOf(p.Kind) };
        switch (p.Kind)
        {
            case ProtocolKind.Deadline:
                protocol["deadline"] = p.Fastest is { } k ? new JObject { ["fastest"] = k } : Units.FormatDuration(p.Deadline!.Value);
                protocol["overSelect"] = p.OverSelect;
                protocol["late"] = ScenarioWords.LateUploadWords.WordOf(p.Late);
                break;
            case ProtocolKind.Buffered:
                protocol["buffer"] = p.Buffer;
                protocol["damping"] = ScenarioWords.Dampings.WordOf(p.Damping);
                break;
            case ProtocolKind.Asynchronous:
                protocol["damping"] = ScenarioWords.Dampings.WordOf(p.Damping);
                break;
        }

        return protocol;
    }

    private static JObject Data(ScenarioData d)
    {
        var data = new JObject { ["source"] = ScenarioWords.Sources.WordOf(d.Source), ["workers"] = d.Workers };
        if (d.Synthetic is { } synthetic)
        {
            data["base"] = synthetic.Base;
            data["samples"] = synthetic.Samples;
            data["features"] = synthetic.Features;
            data["gaussianColumns"] = synthetic.GaussianColumns;
            data["labels"] = ScenarioWords.SyntheticLabels.WordOf(synthetic.Labels);
            if (synthetic.Targets is { } targets)
            {
                data["targets"] = new JArray(targets);
            }
        }

        if (d.Uci is { } uci)
        {
            data["sets"] = new JArray(uci.Sets);
            data["workersPerSet"] = uci.WorkersPerSet;
            data["dropRemainder"] = uci.DropRemainder;
            if (uci.Path is not null)
            {
                data["path"] = uci.Path;
            }

            if (uci.Labels != LabelKind.SignedBinary)
            {
                data["labels"] = ScenarioWords.UciLabels.WordOf(uci.Labels);
            }
        }

        if (d.Images is { } images)
        {
            if (d.Source == DataSource.Mixed)
            {
                data["sources"] = new JArray(images.Sources.Select(ScenarioWords.ImageSources.WordOf));
            }

            data["normalize"] = ScenarioWords.Normalizations.WordOf(images.Normalize);
            AddIfSet(data, "trainSamples", images.TrainSamples);
            AddIfSet(data, "testSamples", images.TestSamples);
            if (images.Path is not null)
            {
                data["path"] = images.Path;
            }

            if (images.Sources.Contains(DataSource.Cifar100))
            {
                data["labels"] = ScenarioWords.CifarLabelWords.WordOf(images.Cifar100Labels);
            }
        }

        if (d.Table is { } table)
        {
            data["path"] = table.Path;
            data["labels"] = ScenarioWords.Labels.WordOf(table.Labels);
            if (d.Source == DataSource.Csv)
            {
                data["labelColumn"] = table.LabelColumn;
                data["hasHeader"] = table.HasHeader;
            }

            data["testFraction"] = table.TestFraction;
        }

        if (d.Partition is { } partition)
        {
            var p = new JObject { ["kind"] = ScenarioWords.Partitions.WordOf(partition.Kind) };
            AddIfSet(p, "classesPerWorker", partition.ClassesPerWorker);
            if (partition.Alpha is { } alpha)
            {
                p["alpha"] = alpha;
            }

            p["remainder"] = ScenarioWords.Remainders.WordOf(partition.Remainder);
            data["partition"] = p;
        }

        return data;
    }

    private static JObject Model(ScenarioModel m)
    {
        var model = new JObject { ["kind"] = ScenarioWords.Models.WordOf(m.Kind) };
        if (m.Kind == ModelKind.Mlp)
        {
            model["hidden"] = new JArray(m.Hidden);
        }

        if (m.Kind is ModelKind.Logistic or ModelKind.Softmax)
        {
            model["lambda"] = m.Lambda;
        }

        if (m.TorchScript is { } script)
        {
            model["path"] = script.Path;
            model["loss"] = ScenarioWords.TorchScriptLosses.WordOf(script.Loss);
            if (script.InputShape is { } shape)
            {
                model["inputShape"] = new JArray(shape);
            }
        }

        model["precision"] = ScenarioWords.Precisions.WordOf(m.Precision);
        return model;
    }

    private static JObject Training(ScenarioTraining t)
    {
        var training = new JObject();
        if (t.Iterations is { } iterations)
        {
            training["iterations"] = iterations;
        }
        else
        {
            training["epochs"] = t.Epochs;
        }

        training["batchSize"] = t.BatchSize is { } batch ? batch : "full";
        training["stepSize"] = t.StepSize is { } step ? step : "1/L";
        training["stepForm"] = ScenarioWords.StepForms.WordOf(t.StepForm);
        training["schedule"] = new JArray(t.Schedule.Select(c => new JObject { ["atEpoch"] = c.AtEpoch, ["stepSize"] = c.StepSize }));
        if (t.Augmentation != TrainingAugmentation.None)
        {
            training["augmentation"] = ScenarioWords.Augmentations.WordOf(t.Augmentation);
        }

        return training;
    }

    private static JObject Algorithm(ScenarioAlgorithm a)
    {
        var algorithm = new JObject
        {
            ["name"] = a.Name,
            ["label"] = a.Label,
            ["parameters"] = new JObject(a.Parameters.Select(p => new JProperty(p.Key, p.Value))),
        };
        if (a.Topologies is { } kinds)
        {
            // Written only when given, so that the scenario.json of every other run is as before.
            algorithm["topologies"] = new JArray(kinds.Select(k => ScenarioWords.TopologyKinds.WordOf(k)));
        }

        return algorithm;
    }

    // Only the fields the kind uses, with their resolved values; the star writes nothing (scenario.json as before).
    private static JObject Topology(ScenarioTopology t)
    {
        var topology = new JObject { ["kind"] = ScenarioWords.TopologyKinds.WordOf(t.Kind) };
        if (t.Kind == TopologyKind.Hierarchical)
        {
            topology["groups"] = new JArray(t.GroupSizes);
            topology["assignment"] = ScenarioWords.GroupAssignments.WordOf(t.Assignment);
            topology["forward"] = ScenarioWords.ForwardModes.WordOf(t.Forward);
            topology["aggregatorUplink"] = Units.FormatBandwidth(t.AggregatorUplink);
            topology["aggregatorDownlink"] = Units.FormatBandwidth(t.AggregatorDownlink);
            topology["aggregatorLatency"] = Units.FormatDuration(t.AggregatorLatency);
            topology["aggregatorIngress"] = Units.FormatBandwidth(t.AggregatorIngress);
        }
        else if (t.Kind == TopologyKind.Sharded)
        {
            topology["servers"] = t.Servers;
            topology["serverIngress"] = Units.FormatBandwidth(t.ServerIngress);
        }

        return topology;
    }

    private static JObject Network(ScenarioNetwork n)
    {
        var network = new JObject
        {
            ["uplink"] = Units.FormatBandwidth(n.Uplink),
            ["downlink"] = Units.FormatBandwidth(n.Downlink),
            ["latency"] = Units.FormatDuration(n.Latency),
            ["serverIngress"] = Units.FormatBandwidth(n.ServerIngress),
            ["ingress"] = ScenarioWords.Ingress.WordOf(n.Ingress),
            ["broadcast"] = ScenarioWords.Broadcasts.WordOf(n.Broadcast),
            ["headerBytes"] = Units.FormatSize(n.HeaderBytes),
            ["requestBytes"] = Units.FormatSize(n.RequestBytes),
            ["skipNoticeBytes"] = Units.FormatSize(n.SkipNoticeBytes),
            ["encoding"] = n.Encoding,
            ["workers"] = new JArray(n.Workers.Select(WorkerLink)),
        };
        if (n.TraceFile is not null)
        {
            network["traceFile"] = n.TraceFile;
        }

        if (n.TraceFile is null)
        {
            network["mtu"] = n.Mtu is { } mtu ? mtu : JValue.CreateNull();
        }

        if (n.NewConnectionPerUpload)
        {
            network["connection"] = "new";
        }

        if (n.LinkTraces is { } traces)
        {
            network["linkTraces"] = LinkTraces(traces);
        }

        if (n.Topology.Kind != TopologyKind.Star)
        {
            network["topology"] = Topology(n.Topology);
        }

        return network;
    }

    // Paths are absolute, as every path of the resolved scenario: a rerun reads the same files (not copies).
    private static JObject LinkTraces(ScenarioLinkTraces traces)
    {
        var json = new JObject();
        if (traces.Uplink.Count > 0)
        {
            json["uplink"] = new JArray(traces.Uplink);
        }

        if (traces.Downlink.Count > 0)
        {
            json["downlink"] = new JArray(traces.Downlink);
        }

        json["startOffset"] = traces.StartOffset is { } offset ? Units.FormatDuration(offset) : "random";
        return json;
    }

    private static JObject Availability(ScenarioAvailability availability) => availability.File is { } file
        ? new JObject { ["file"] = file }
        : new JObject
        {
            ["model"] = ScenarioAvailability.OnOffModel,
            ["meanOnline"] = Units.FormatDuration(availability.MeanOnline),
            ["meanOffline"] = Units.FormatDuration(availability.MeanOffline),
        };

    private static JObject WorkerLink(ScenarioWorkerLink w)
    {
        var link = new JObject { ["worker"] = w.Worker };
        if (w.Uplink is { } uplink)
        {
            link["uplink"] = Units.FormatBandwidth(uplink);
        }

        if (w.Downlink is { } downlink)
        {
            link["downlink"] = Units.FormatBandwidth(downlink);
        }

        if (w.Latency is { } latency)
        {
            link["latency"] = Units.FormatDuration(latency);
        }

        if (w.HeaderBytes is { } header)
        {
            link["headerBytes"] = Units.FormatSize(header);
        }

        return link;
    }

    private static JObject Evaluation(ScenarioEvaluation e)
    {
        var evaluation = new JObject { ["every"] = e.Every, ["testSet"] = e.TestSet };
        if (e.Top5)
        {
            evaluation["top5"] = true;
        }

        return evaluation;
    }

    private static JObject Stop(ScenarioStop stop)
    {
        var json = Optional(("objectiveError", stop.ObjectiveError), ("targetAccuracy", stop.TargetAccuracy), ("targetLoss", stop.TargetLoss));
        if (!stop.AtTarget)
        {
            json["atTarget"] = false;
        }

        if (stop.AccuracyMetric != AccuracyMetric.Top1)
        {
            json["accuracyMetric"] = ScenarioWords.AccuracyMetrics.WordOf(stop.AccuracyMetric);
        }

        return json;
    }

    private static JObject Optional(params (string Name, double? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => new JProperty(f.Name, f.Value)));

    private static void AddIfSet(JObject target, string name, int? value)
    {
        if (value is { } v)
        {
            target[name] = v;
        }
    }
}
