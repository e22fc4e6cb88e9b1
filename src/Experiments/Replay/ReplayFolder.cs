using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Replay;

/// <summary>A results folder's replay inputs (scenario.json, summary.json, decisions.parquet or else decisions.csv),
/// each checked and checked against the others before anything is sized from them.</summary>
/// <remarks>The decisions fix M (its rows are checked as they are read, <see cref="DecisionsCsv"/>); summary.json's
/// <c>workers</c> must equal it and each method's <c>iterations</c> its decisions' iterations, so no number in one file
/// can size the network beyond what the decisions hold. A missing summary.json costs the recorded column and a
/// plan from the data (once per folder, however many networks are replayed).</remarks>
public sealed class ReplayFolder
{
    private readonly IReadOnlyList<DecisionLog> _logs;
    private readonly Lock _planning = new();
    private (int Workers, long ModelBytes)? _planned;
    private IReadOnlyList<MetricsRow>? _metrics;

    private ReplayFolder(Scenario scenario, RunSummary? summary, IReadOnlyList<DecisionLog> logs, string decisionsPath)
    {
        Scenario = scenario;
        Summary = summary;
        _logs = logs;
        DecisionsPath = decisionsPath;
    }

    /// <summary>The run's scenario (scenario.json).</summary>
    public Scenario Scenario { get; }

    /// <summary>The run's summary, or null when the folder has no summary.json.</summary>
    public RunSummary? Summary { get; }

    /// <summary>The path of the decisions read (decisions.parquet when the folder has one, else decisions.csv), for
    /// messages.</summary>
    public string DecisionsPath { get; }

    /// <summary>M, the number of workers in every iteration of the decisions.</summary>
    public int Workers => _logs[0].Workers;

    /// <summary>Each method's decisions, in the order of the decisions file.</summary>
    public IReadOnlyList<DecisionLog> Logs => _logs;

    /// <summary>Reads and checks the replay inputs of <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">scenario.json, or both decision files, are missing.</exception>
    /// <exception cref="ScenarioException">scenario.json is not a valid scenario.</exception>
    /// <exception cref="InvalidDataException">summary.json or the decisions file is damaged, decisions.parquet is another
    /// run's, or they disagree; the message is one line naming the file, the line, row or JSON path and the fix.</exception>
    public static ReplayFolder Load(string folder)
    {
        var scenarioPath = Path.Combine(folder, "scenario.json");
        var parquetPath = Path.Combine(folder, DecisionsParquet.FileName);
        var parquet = File.Exists(parquetPath);
        var decisionsPath = parquet ? parquetPath : Path.Combine(folder, "decisions.csv");
        var summaryPath = Path.Combine(folder, "summary.json");
        if (!File.Exists(scenarioPath))
        {
            throw new FileNotFoundException($"{scenarioPath}: no such file", scenarioPath);
        }

        var scenario = ScenarioLoader.LoadResolved(scenarioPath, requireData: false);
        if (ScenarioTimeDependence.Of(scenario) is { } timed)
        {
            throw new InvalidDataException(
                $"{scenarioPath}: {timed.JsonPath}: cannot replay this run: {timed.Reason}; run the scenario again with the other network (sasg run) instead.");
        }

        var summary = RunSummary.Read(summaryPath);
        if (summary?.Incomplete is { } why)
        {
            throw new InvalidDataException(
                $"{summaryPath}: $.status: the run is incomplete ({why}); replay needs a run that finished: run the scenario again to its end.");
        }

        var fromSummary = summary is { Methods.Count: > 0 };
        IReadOnlyCollection<string> labels = fromSummary
            ? [.. summary!.Methods.Select(m => m.Label)]
            : [.. scenario.Algorithms.Select(a => a.Label)];
        var labelsSource = fromSummary ? summaryPath : scenarioPath;
        var logs = parquet
            ? DecisionsParquet.ReadLogs(decisionsPath, labels, labelsSource, scenarioPath)
            : DecisionsCsv.ReadLogs(decisionsPath, labels, labelsSource);
        if (logs.Count == 0)
        {
            var where = parquet ? "no decision rows" : "line 2: no decision rows after the header";
            throw new InvalidDataException($"{decisionsPath}: {where}; {DecisionsCsv.Fix}.");
        }

        var replay = new ReplayFolder(scenario, summary, logs, decisionsPath);
        replay.CheckSummary(summaryPath);
        return replay;
    }

    /// <summary>Replays every method on <paramref name="network"/> (the scenario's network with some fields changed);
    /// <paramref name="locator"/> finds the data only when summary.json does not give the network's size.</summary>
    /// <exception cref="InvalidDataException">The scenario's network does not have M workers, or a replayed time
    /// passes the simulator's range (about 292 years).</exception>
    /// <exception cref="ScenarioException">The network cannot be built (a worker trace file for another M).</exception>
    public IReadOnlyList<ReplayedMethod> Replay(ScenarioNetwork network, DatasetLocator locator) =>
        Replay(network, locator, folder: null);

    /// <summary>Replays every method on <paramref name="network"/> as <see cref="Replay(ScenarioNetwork, DatasetLocator)"/>
    /// does and, when <paramref name="folder"/> is given, writes there the network's results folder: scenario.json (the
    /// run's scenario on this network) and metrics.csv (the run's rows, each timed and with its requests and skip
    /// notices counted on this network), which <c>sasg plot</c> draws.</summary>
    /// <exception cref="FileNotFoundException">A folder is asked for and the run has no metrics.csv.</exception>
    public IReadOnlyList<ReplayedMethod> Replay(ScenarioNetwork network, DatasetLocator locator, string? folder)
    {
        ArgumentNullException.ThrowIfNull(network);
        var scenario = Scenario with { Network = network };
        StarTopology topology;
        ParameterServerOptions options;
        Func<ComputeModel> createCompute;
        var (workers, bytes) = NetworkSize(locator);
        (topology, options, createCompute) = ScenarioPlanner.PlanNetwork(scenario, workers, bytes);

        var compute = createCompute();
        var (field, size) = topology.WorkerCount != Workers ? ("$.data.workers", topology.WorkerCount) : ("$.compute.speed", compute.WorkerCount);
        if (size != Workers)
        {
            throw new InvalidDataException(
                $"{Scenario.File}: {field}: the scenario's network has {size.ToString(CultureInfo.InvariantCulture)} workers but {DecisionsPath} {Workers.ToString(CultureInfo.InvariantCulture)}; replay keeps M fixed: restore the folder's scenario.json and decisions.csv from the same run.");
        }

        var replayed = new List<ReplayedMethod>();
        var metrics = folder is null ? null : new List<MetricsRow>();
        foreach (var log in _logs)
        {
            double seconds;
            try
            {
                var ends = ReplayRunner.IterationEnds(log, topology, options, createCompute());
                seconds = ends.Length == 0 ? 0 : ends[^1].TotalSeconds;
                metrics?.AddRange(Retimed(log, ends, options));
            }
            catch (OverflowException)
            {
                throw new InvalidDataException(
                    $"{DecisionsPath}: columns 'bytes' and 'compute_ns' of '{DecisionsCsv.Shorten(log.Algorithm)}': the replayed time passes the simulator's range (about 292 years); {DecisionsCsv.Fix}, or replay on faster links.");
            }

            replayed.Add(new ReplayedMethod(
                log.Algorithm, log.Uploads, Summary?.Methods.FirstOrDefault(m => m.Label == log.Algorithm)?.SimulatedSeconds, seconds));
        }

        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, "scenario.json"), scenario.ToResolvedJson());
            // A run that reported top-5 accuracy has its column (the same test as ResultsFolder's).
            var top5 = Scenario.Evaluation.Top5 || Scenario.Stop.AccuracyMetric == AccuracyMetric.Top5;
            AtomicFile.WriteAllText(Path.Combine(folder, "metrics.csv"), CsvTables.Metrics(metrics!, top5));
        }

        return replayed;
    }

    // The run's metrics rows of `log`'s method on the replayed network: the row at iteration k ends at the end of
    // iteration k - 1 (0 at k = 0) and counts the requests and skip notices of the iterations before k there.
    private IEnumerable<MetricsRow> Retimed(DecisionLog log, SimTime[] ends, ParameterServerOptions options)
    {
        var control = log.ControlMessagesBefore(options);
        return RecordedMetrics().Where(m => m.Algorithm == log.Algorithm).Select(m => m.WithControlMessages(control[m.Iteration]) with
        {
            SimulatedSeconds = m.Iteration == 0 ? 0 : ends[m.Iteration - 1].TotalSeconds,
        });
    }

    // The run's metrics.csv, read once for every network replayed; each row's iteration must be one the decisions hold.
    private IReadOnlyList<MetricsRow> RecordedMetrics()
    {
        lock (_planning)
        {
            if (_metrics is null)
            {
                var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DecisionsPath))!, "metrics.csv");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{path}: no such file; a folder per network needs the run's metrics.csv: run the scenario again, or replay without --folders", path);
                }

                var rows = MetricsCsv.Read(path);
                foreach (var row in rows)
                {
                    var log = _logs.FirstOrDefault(l => l.Algorithm == row.Algorithm);
                    if (log is not null && (row.Iteration < 0 || row.Iteration > log.Iterations))
                    {
                        throw new InvalidDataException(
                            $"{path}: '{DecisionsCsv.Shorten(row.Algorithm)}' has a row at iteration {row.Iteration.ToString(CultureInfo.InvariantCulture)} but {DecisionsPath} holds {log.Iterations.ToString(CultureInfo.InvariantCulture)} iterations; restore metrics.csv and the decisions from the same run.");
                    }
                }

                _metrics = rows;
            }

            return _metrics;
        }
    }

    // M and the model's bytes: from summary.json, or else planned from the scenario's data once for every network
    // replayed (the network's fields change neither; ScenarioPlanner.Plan builds its network from the same two).
    private (int Workers, long ModelBytes) NetworkSize(DatasetLocator locator)
    {
        if (Summary is { Workers: { } workers, ModelBytes: { } bytes })
        {
            return (workers, bytes);
        }

        lock (_planning)
        {
            if (_planned is null)
            {
                var plan = ScenarioPlanner.Plan(Scenario, locator);
                _planned = (plan.WorkerData.Count, plan.Network.ModelSize.Bytes);
            }

            return _planned.Value;
        }
    }

    private void CheckSummary(string summaryPath)
    {
        if (Summary is null)
        {
            return;
        }

        if (Summary.Workers is { } workers && workers != Workers)
        {
            throw new InvalidDataException(
                $"{summaryPath}: $.workers: {workers.ToString(CultureInfo.InvariantCulture)} workers, but {DecisionsPath} has {Workers.ToString(CultureInfo.InvariantCulture)} in every iteration; restore the file from the run, or delete it (replay then plans the network from the scenario's data).");
        }

        for (var i = 0; i < Summary.Methods.Count; i++)
        {
            var method = Summary.Methods[i];
            var iterations = _logs.FirstOrDefault(l => l.Algorithm == method.Label)?.Iterations ?? 0;
            if (method.Iterations is { } recorded && recorded != iterations)
            {
                throw new InvalidDataException(
                    $"{summaryPath}: $.algorithms[{i.ToString(CultureInfo.InvariantCulture)}].iterations: {recorded.ToString(CultureInfo.InvariantCulture)}, but {DecisionsPath} has {iterations.ToString(CultureInfo.InvariantCulture)} iterations of '{DecisionsCsv.Shorten(method.Label)}'; restore the two files from the same run.");
            }
        }
    }
}
