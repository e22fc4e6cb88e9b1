using System.Diagnostics;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Sweeps;

/// <summary>The two ways a sweep cell is computed and persisted, shared by the local engine and the tasks of a cluster
/// sweep: a training run (the first cell of a learning group), or a replay of a finished cell's decisions through the
/// cell's own network. Each runs under the cell's lock (<see cref="SweepFolder.LockCell"/>), discarding first what an
/// interrupted run of the cell left.</summary>
internal static class SweepCells
{
    /// <summary>Trains <paramref name="cell"/> with <paramref name="plan"/>, persists it (done marker last) and returns
    /// what the other cells of its learning group replay.</summary>
    /// <exception cref="SweepFolderException">Another live process holds the cell's lock.</exception>
    public static SweepGroupSource Train(SweepFolder folder, Scenario cell, RunPlan plan, string role, out SweepCellReport report)
    {
        using var writing = folder.LockCell(cell, role);
        folder.DiscardIncomplete(cell);
        var clock = Stopwatch.StartNew();
        var results = WithTraces(folder.CellDirectory(cell), cell.Outputs.Trace, traceFor => ExperimentDriver.Run(plan, traceFor));
        folder.Complete(cell, plan, results, decisionsFile: null);
        report = new SweepCellReport(cell.Cell!.Index, cell.Cell.Id, cell.Cell.Label, false, clock.Elapsed);
        return SweepGroupSource.Of(results, folder.CellDirectory(cell));
    }

    /// <summary>Replays <paramref name="source"/> (a finished cell of the same learning group, whose plan is
    /// <paramref name="groupPlan"/>) through <paramref name="cell"/>'s network and persists the cell.</summary>
    /// <exception cref="SweepFolderException">Another live process holds the cell's lock.</exception>
    public static SweepCellReport Replay(SweepFolder folder, Scenario cell, RunPlan groupPlan, SweepGroupSource source, string role)
    {
        using var writing = folder.LockCell(cell, role);
        folder.DiscardIncomplete(cell);
        var clock = Stopwatch.StartNew();
        var network = ScenarioPlanner.PlanNetwork(cell, groupPlan.WorkerData.Count, groupPlan.Network.ModelSize.Bytes);
        var cellPlan = groupPlan with { Topology = network.Topology, Network = network.Network, CreateCompute = network.CreateCompute };
        var results = WithTraces(
            folder.CellDirectory(cell),
            cell.Outputs.Trace,
            traceFor => source.Results.Select(r => SweepRunner.Replayed(r, source.LogOf(r.Label), cellPlan, traceFor?.Invoke(r.Label))).ToList());
        folder.Complete(cell, cellPlan, results, source.DecisionsFile);
        return new SweepCellReport(cell.Cell!.Index, cell.Cell.Id, cell.Cell.Label, true, clock.Elapsed);
    }

    // The cell's trace.csv and trace.json, written as a run writes them (RunTraces); none when the cell traces nothing.
    private static T WithTraces<T>(string directory, bool trace, Func<Func<string, ITraceSink?>?, T> run)
    {
        if (!trace)
        {
            return run(null);
        }

        using var traces = RunTraces.Open(directory);
        var results = run(traces.Begin);
        traces.Complete();
        return results;
    }
}
