using System.Globalization;
using Sasg.Experiments.Driver;
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

    /// <summary>The requests and skip notices the iterations before k send on <paramref name="options"/>'s network, for
    /// k from 0 to <see cref="Iterations"/> (<see cref="ControlMessages"/>, as a run counts them).</summary>
    public ControlMessages[] ControlMessagesBefore(ParameterServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var before = new ControlMessages[_rounds.Length + 1];
        for (var k = 0; k < _rounds.Length; k++)
        {
            var total = before[k];
            foreach (var action in _rounds[k])
            {
                total += ControlMessages.Of(action, options);
            }

            before[k + 1] = total;
        }

        return before;
    }

    /// <summary>The number of uploads recorded.</summary>
    public int Uploads { get; private init; }

    /// <summary>The log of one method from the rows a run recorded, which must be in the order a run writes them:
    /// iterations in order, workers 0 to M - 1 in each; rows of other methods are passed over. A sweep builds it once
    /// from a run's results and replays it on many networks.</summary>
    /// <exception cref="InvalidDataException">A row has a value out of range, is out of place, or the last iteration
    /// is cut short; the message names <paramref name="source"/>, the row and the fix.</exception>
    public static DecisionLog From(string algorithm, IEnumerable<DecisionRow> rows, string source = "decisions")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new DecisionLogBuilder(labels: null, labelsSource: source);
        var index = 0;
        foreach (var row in rows)
        {
            index++;
            if (row.Algorithm == algorithm
                && builder.Add(algorithm, row.Iteration, row.Worker, DecisionKinds.Parse(row.Decision), row.Decision, row.Bytes, row.ComputeNanoseconds, row.Requested) is { } problem)
            {
                throw new InvalidDataException($"{source}: row {index.ToString(CultureInfo.InvariantCulture)}: {problem}; {DecisionsCsv.Fix}.");
            }
        }

        if (builder.Count == 0)
        {
            throw new InvalidDataException($"{source}: no decisions for algorithm '{DecisionsCsv.Shorten(algorithm)}'; {DecisionsCsv.Fix}.");
        }

        if (builder.Finish() is { } end)
        {
            throw new InvalidDataException($"{source}: {end}; {DecisionsCsv.Fix}.");
        }

        return builder.Logs()[0];
    }

    /// <summary>The log of <paramref name="algorithm"/> from its actions, iteration after iteration of
    /// <paramref name="workers"/> each (a whole number of iterations, checked by the reader).</summary>
    internal static DecisionLog Of(string algorithm, List<WorkerAction> actions, int workers, int uploads)
    {
        var rounds = new WorkerAction[workers == 0 ? 0 : actions.Count / workers][];
        for (var k = 0; k < rounds.Length; k++)
        {
            rounds[k] = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(actions).Slice(k * workers, workers).ToArray();
        }

        return new DecisionLog(algorithm, rounds) { Uploads = uploads };
    }
}
