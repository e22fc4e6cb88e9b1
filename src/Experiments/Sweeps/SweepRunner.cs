using System.Runtime.ExceptionServices;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Sweeps;

/// <summary>Runs every cell of a scenario's sweep into a sweep folder, resumably: cells that learn identically (they
/// differ only in <c>network.*</c> fields) share one training run, whose recorded decisions are replayed through each
/// other cell's network; learning groups run in parallel, and so do the replayed cells of each, over the cores;
/// each finished cell is persisted at once.</summary>
/// <remarks>Layout, resume rules and the combined CSV are described in docs/sweeps.md. Every cell is deterministic:
/// the results do not depend on the parallelism or on how often the sweep was interrupted and resumed.</remarks>
public static class SweepRunner
{
    /// <summary>Runs the cells of <paramref name="scenario"/> that are not done yet into <paramref name="directory"/>,
    /// then writes <c>sweep.csv</c> and (when the scenario asks for plots) <c>plots/</c>;
    /// <paramref name="cellFinished"/> is told of every cell persisted (from worker threads).</summary>
    /// <exception cref="ArgumentException">The scenario has no sweep block.</exception>
    /// <exception cref="SweepFolderException">The folder holds another scenario's sweep, or unrelated files, or another
    /// live process runs a sweep into it (the message names its process and host; nothing is trained).</exception>
    /// <exception cref="ScenarioException">A cell cannot run (for example too few samples for its workers).</exception>
    public static SweepOutcome Run(
        Scenario scenario, string directory, SweepOptions? options = null, Action<SweepCellReport>? cellFinished = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(directory);
        if (scenario.Sweep is null)
        {
            throw new ArgumentException($"The scenario '{scenario.Name}' has no sweep block.", nameof(scenario));
        }

        options ??= new SweepOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1, nameof(options));
        var cells = scenario.Expand().ToList();
        var groups = LearningGroups(cells);
        using var folder = SweepFolder.Open(directory, scenario, groups);
        if (folder.LockNote is { } note)
        {
            options.Notice?.Invoke(note);
        }

        var alreadyDone = cells.Count(folder.IsDone);
        var trainings = 0;
        var run = 0;
        using var cores = new SemaphoreSlim(options.Parallelism);
        try
        {
            Parallel.ForEach(
                groups,
                new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
                group =>
                {
                    var (trained, finished) = RunGroup(folder, group, options, cores, cellFinished);
                    Interlocked.Add(ref trainings, trained);
                    Interlocked.Add(ref run, finished);
                });
        }
        catch (AggregateException aggregate)
        {
            // Report the first failure as itself, so that scenario problems keep their exit code in the CLI.
            ExceptionDispatchInfo.Capture(aggregate.Flatten().InnerExceptions[0]).Throw();
            throw;
        }

        var csvPath = SweepCollector.Write(folder, scenario, [.. cells.Select(c => c.Cell!)]);
        return new SweepOutcome(folder.Directory, cells.Count, run, alreadyDone, trainings, csvPath);
    }

    /// <summary>The cells grouped by what they learn, in order of their first cell. The wire encoding is a network
    /// field that changes the bytes (and, for lossy encodings, the learning), so it separates groups too.</summary>
    internal static List<IReadOnlyList<Scenario>> LearningGroups(IEnumerable<Scenario> cells) =>
        cells.GroupBy(c => c.Cell!.LearningKey + "\n" + c.Network.Encoding, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<Scenario>)g.ToList())
            .ToList();

    // A group's training, then its network-only cells in parallel, each computing while it holds one of the cores
    // shared by all groups (so a sweep of one group uses every core, and one of many groups no more than its share).
    private static (int Trained, int Finished) RunGroup(
        SweepFolder folder, IReadOnlyList<Scenario> group, SweepOptions options, SemaphoreSlim cores, Action<SweepCellReport>? cellFinished)
    {
        var pending = group.Where(c => !folder.IsDone(c)).ToList();
        if (pending.Count == 0)
        {
            return (0, 0);
        }

        var plan = ScenarioPlanner.Plan(pending[0], options.Locator);
        SweepGroupSource source;
        var trained = 0;
        if (group.FirstOrDefault(folder.IsDone) is { } done)
        {
            // A resumed group: the decisions of a finished cell stand in for the training run.
            source = OnCore(cores, () => SweepGroupSource.Read(folder.CellDirectory(done)));
        }
        else
        {
            SweepCellReport report = null!;
            source = OnCore(cores, () => SweepCells.Train(folder, pending[0], plan, "sweep", out report));
            cellFinished?.Invoke(report);
            pending.RemoveAt(0);
            trained = 1;
        }

        Parallel.ForEach(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
            cell =>
            {
                var report = OnCore(cores, () => SweepCells.Replay(folder, cell, plan, source, "sweep"));
                cellFinished?.Invoke(report);
            });
        return (trained, trained + pending.Count);
    }

    private static T OnCore<T>(SemaphoreSlim cores, Func<T> work)
    {
        cores.Wait();
        try
        {
            return work();
        }
        finally
        {
            cores.Release();
        }
    }

    /// <summary><paramref name="result"/> with its times taken from replaying <paramref name="log"/> (its decisions;
    /// null when it has none) on <paramref name="plan"/>'s network: the metrics row at iteration k gets the end of
    /// iteration k - 1 (0 at k = 0).</summary>
    internal static AlgorithmResult Replayed(AlgorithmResult result, DecisionLog? log, RunPlan plan, ITraceSink? trace = null)
    {
        if (log is null)
        {
            return result with { SimulatedSeconds = 0, Metrics = result.Metrics.Select(m => m with { SimulatedSeconds = 0 }).ToList() };
        }

        var ends = ReplayRunner.IterationEnds(log, plan.Topology, plan.Network, plan.CreateCompute(), trace);
        var metrics = result.Metrics
            .Select(m => m with { SimulatedSeconds = m.Iteration == 0 ? 0 : ends[m.Iteration - 1].TotalSeconds })
            .ToList();
        return result with { SimulatedSeconds = ends[^1].TotalSeconds, Metrics = metrics };
    }
}
