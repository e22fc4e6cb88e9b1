using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Replay;

/// <summary>One method's recorded decisions, as NetSim round plans: what each worker sent each iteration.</summary>
public sealed class DecisionLog
{
    private readonly WorkerAction[][] _rounds;

    private DecisionLog(string algorithm, WorkerAction[][] rounds)
    {
        Algorithm = algorithm;
        _rounds = rounds;
    }

    /// <summary>The method's label.</summary>
    public string Algorithm { get; }

    /// <summary>The number of iterations recorded.</summary>
    public int Iterations => _rounds.Length;

    /// <summary>The number of workers.</summary>
    public int Workers => _rounds.Length == 0 ? 0 : _rounds[0].Length;

    /// <summary>The recorded actions as a plan NetSim can replay.</summary>
    public FixedRoundPlan ToPlan() => new(_rounds);

    /// <summary>The number of uploads recorded.</summary>
    public int Uploads { get; private init; }

    /// <summary>The log of one method from the rows a run recorded, which must be in the order a run writes them:
    /// iterations in order, workers 0 to M - 1 in each.</summary>
    /// <exception cref="InvalidDataException">A row has a value out of range, is out of place, or the last iteration
    /// is cut short; the message names <paramref name="source"/>, the row and the fix.</exception>
    public static DecisionLog From(string algorithm, IEnumerable<DecisionRow> rows, string source = "decisions")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sequence = new DecisionSequence();
        var mine = new List<DecisionRow>();
        var index = 0;
        foreach (var row in rows)
        {
            index++;
            if (row.Algorithm != algorithm)
            {
                continue;
            }

            if ((DecisionsCsv.Check(row) ?? sequence.Next(algorithm, row.Iteration, row.Worker)) is { } problem)
            {
                throw new InvalidDataException($"{source}: row {index.ToString(CultureInfo.InvariantCulture)}: {problem}; {DecisionsCsv.Fix}.");
            }

            mine.Add(row);
        }

        if (mine.Count == 0)
        {
            throw new InvalidDataException($"{source}: no decisions for algorithm '{DecisionsCsv.Shorten(algorithm)}'; {DecisionsCsv.Fix}.");
        }

        if (sequence.Finish() is { } end)
        {
            throw new InvalidDataException($"{source}: {end}; {DecisionsCsv.Fix}.");
        }

        // The sequence guarantees iterations x workers == mine.Count, so this allocates no more than the rows read.
        var workers = sequence.Workers;
        var rounds = new WorkerAction[mine.Count / workers][];
        var uploads = 0;
        for (var k = 0; k < rounds.Length; k++)
        {
            var round = rounds[k] = new WorkerAction[workers];
            for (var w = 0; w < workers; w++)
            {
                var row = mine[(k * workers) + w];
                var compute = SimTime.FromNanoseconds(row.ComputeNanoseconds);
                round[w] = row.Decision switch
                {
                    "upload" => WorkerAction.Upload(DataSize.FromBytes(row.Bytes), compute, row.Requested),
                    "skip" => WorkerAction.Skip(compute),
                    _ => WorkerAction.Idle,
                };
                uploads += row.Decision == "upload" ? 1 : 0;
            }
        }

        return new DecisionLog(algorithm, rounds) { Uploads = uploads };
    }
}
