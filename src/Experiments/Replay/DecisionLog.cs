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

    /// <summary>The log of one method from the rows a run recorded.</summary>
    /// <exception cref="InvalidDataException">Rows are missing or repeated for some (iteration, worker).</exception>
    public static DecisionLog From(string algorithm, IEnumerable<DecisionRow> rows, string source = "decisions")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mine = rows.Where(r => r.Algorithm == algorithm).ToList();
        if (mine.Count == 0)
        {
            throw new InvalidDataException($"{source}: no decisions for algorithm '{algorithm}'.");
        }

        var iterations = mine.Max(r => r.Iteration) + 1;
        var workers = mine.Max(r => r.Worker) + 1;
        var rounds = new WorkerAction[iterations][];
        var seen = new bool[iterations, workers];
        for (var k = 0; k < iterations; k++)
        {
            rounds[k] = new WorkerAction[workers];
        }

        foreach (var row in mine)
        {
            if (row.Iteration < 0 || row.Worker < 0 || seen[row.Iteration, row.Worker])
            {
                throw new InvalidDataException(
                    $"{source}: algorithm '{algorithm}' has a repeated or negative (iteration {row.Iteration}, worker {row.Worker}).");
            }

            seen[row.Iteration, row.Worker] = true;
            var compute = SimTime.FromNanoseconds(row.ComputeNanoseconds);
            rounds[row.Iteration][row.Worker] = row.Decision switch
            {
                "upload" => WorkerAction.Upload(DataSize.FromBytes(row.Bytes), compute, row.Requested),
                "skip" => WorkerAction.Skip(compute),
                "not-requested" => WorkerAction.Idle,
                _ => throw new InvalidDataException(
                    $"{source}: unknown decision '{row.Decision}' (expected upload, skip or not-requested)."),
            };
        }

        for (var k = 0; k < iterations; k++)
        {
            for (var w = 0; w < workers; w++)
            {
                if (!seen[k, w])
                {
                    throw new InvalidDataException(
                        $"{source}: algorithm '{algorithm}' has no decision for iteration {k.ToString(CultureInfo.InvariantCulture)}, worker {w.ToString(CultureInfo.InvariantCulture)}.");
                }
            }
        }

        return new DecisionLog(algorithm, rounds);
    }
}
