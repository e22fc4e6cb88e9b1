using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

// The network part of a plan: the star, the server's options and the compute model, from the scenario's network and
// compute sections (and a worker trace file).
public static partial class ScenarioPlanner
{
    /// <summary>Only the network part of <paramref name="scenario"/>'s plan, as <see cref="Plan(Scenario, DatasetLocator?)"/> builds it, for
    /// <paramref name="workers"/> workers and a model of <paramref name="modelBytes"/> bytes; loads no data.</summary>
    /// <remarks>A sweep replays one training run's decisions through the networks of the cells that differ from it only
    /// in <c>network.*</c> fields.</remarks>
    /// <exception cref="ScenarioException">The worker trace file describes another number of workers, or the scenario
    /// has link traces or an availability, which a replay on the closed form cannot follow.</exception>
    public static (StarTopology Topology, ParameterServerOptions Network, Func<ComputeModel> CreateCompute) PlanNetwork(
        Scenario scenario, int workers, long modelBytes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        TimeVaryingPlanning.CheckSupported(scenario, closedForm: true);
        return BuildNetwork(scenario, workers, modelBytes);
    }

    // The network part of a plan without the replay's refusal of time-varying inputs: a run (Plan) follows link traces
    // on the event-driven network, which only a replay on the closed form cannot.
    private static (StarTopology Topology, ParameterServerOptions Network, Func<ComputeModel> CreateCompute) BuildNetwork(
        Scenario scenario, int workers, long modelBytes)
    {
        var (topology, compute) = Network(scenario, workers);
        var network = scenario.Network;
        var options = new ParameterServerOptions
        {
            Ingress = network.Ingress,
            Broadcast = network.Broadcast,
            ModelSize = DataSize.FromBytes(modelBytes),
            RequestSize = network.RequestBytes,
            SkipNoticeSize = network.SkipNoticeBytes,
        };
        return (topology, options, compute);
    }

    private static (StarTopology Topology, Func<ComputeModel> Compute) Network(Scenario scenario, int workers)
    {
        var network = scenario.Network;
        var straggler = scenario.Compute.Straggler;
        var seed = unchecked((ulong)scenario.Seed);
        if (network.TraceFile is { } traceFile)
        {
            var path = Path.IsPathRooted(traceFile) ? traceFile : Path.Combine(scenario.BaseDirectory ?? ".", traceFile);
            var profiles = WorkerTraceFile.Load(path);
            if (profiles.Count != workers)
            {
                throw Problem(scenario, "$.network.traceFile", $"the trace file describes {profiles.Count} workers, the scenario {workers}",
                    "give one trace row per worker or change data.workers");
            }

            return (WorkerTraceFile.ToTopology(profiles, network.ServerIngress),
                () => WorkerTraceFile.ToComputeModel(profiles, straggler, seed));
        }

        var topology = new StarTopology(
            Enumerable.Range(0, workers).Select(network.UplinkOf).ToArray(),
            Enumerable.Range(0, workers).Select(network.DownlinkOf).ToArray(),
            network.ServerIngress);
        var factors = scenario.Compute.Speed.Count == 0 ? Enumerable.Repeat(1.0, workers).ToArray() : scenario.Compute.ComputeFactors;
        return (topology, () => new ComputeModel(factors, straggler, seed));
    }
}
