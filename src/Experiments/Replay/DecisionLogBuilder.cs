using Sasg.Experiments.Driver;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Replay;

/// <summary>Checks decision rows as a reader hands them over, one at a time, and files each method's actions straight
/// into its own array: one pass over the file, no row object per decision.</summary>
/// <param name="labels">When given, the methods the run had: a row of another method is a problem.</param>
/// <param name="labelsSource">The file <paramref name="labels"/> come from, for messages.</param>
/// <param name="keepRows">Whether to keep the rows themselves (<see cref="Rows"/>) instead of the actions.</param>
internal sealed class DecisionLogBuilder(IReadOnlyCollection<string>? labels, string labelsSource, bool keepRows = false)
{
    private readonly DecisionSequence _sequence = new();
    private readonly List<Method> _methods = [];
    private Method? _last;

    /// <summary>The rows taken, in order, when the builder keeps rows.</summary>
    public List<DecisionRow> Rows { get; } = [];

    /// <summary>The number of rows taken.</summary>
    public int Count { get; private set; }

    /// <summary>The label of <paramref name="text"/> as a string already held, so that a reader allocates one string
    /// per method, not one per row; null when no method has that label yet.</summary>
    public string? KnownLabel(ReadOnlySpan<char> text)
    {
        if (_last is not null && text.SequenceEqual(_last.Label))
        {
            return _last.Label;
        }

        foreach (var method in _methods)
        {
            if (text.SequenceEqual(method.Label))
            {
                return method.Label;
            }
        }

        return null;
    }

    /// <summary>Takes one row; returns what is wrong with it (values, method or place), or null.</summary>
    /// <param name="label">The method.</param>
    /// <param name="iteration">The iteration.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="decision">The decision, or null when <paramref name="decisionText"/> names none.</param>
    /// <param name="decisionText">The decision as written, for messages.</param>
    /// <param name="bytes">The upload's bytes.</param>
    /// <param name="compute">The compute time in nanoseconds.</param>
    /// <param name="requested">Whether the server asked the worker.</param>
    public string? Add(
        string label, int iteration, int worker, DecisionKind? decision, ReadOnlySpan<char> decisionText, long bytes, long compute, bool requested)
    {
        if (labels is not null && _sequence.IsNew(label) && !labels.Contains(label))
        {
            return $"column 'algorithm': '{DecisionsCsv.Shorten(label)}' is not a method of this run ({labelsSource} lists {DecisionsCsv.Shorten(string.Join(", ", labels))})";
        }

        if ((DecisionValues.Check(iteration, worker, decision, decisionText, bytes, compute) ?? _sequence.Next(label, iteration, worker)) is { } problem)
        {
            return problem;
        }

        Count++;
        var kind = decision!.Value;
        if (keepRows)
        {
            Rows.Add(new DecisionRow(label, iteration, worker, DecisionKinds.Name(kind), bytes, compute, requested));
            return null;
        }

        var method = _last?.Label == label ? _last : Find(label);
        _last = method;
        var time = SimTime.FromNanoseconds(compute);
        method.Actions.Add(kind switch
        {
            DecisionKind.Upload => WorkerAction.Upload(DataSize.FromBytes(bytes), time, requested),
            DecisionKind.Skip => WorkerAction.Skip(time),
            _ => WorkerAction.Idle,
        });
        method.Uploads += kind == DecisionKind.Upload ? 1 : 0;
        return null;
    }

    /// <summary>What is wrong once every row is taken (a method cut short, methods with different M), or null.</summary>
    public string? Finish() => _sequence.Finish();

    /// <summary>Each method's log, in order of first appearance (after <see cref="Finish"/> found nothing wrong).</summary>
    public IReadOnlyList<DecisionLog> Logs() =>
        [.. _methods.Select(m => DecisionLog.Of(m.Label, m.Actions, _sequence.Workers, m.Uploads))];

    private Method Find(string label)
    {
        var method = _methods.Find(m => m.Label == label);
        if (method is null)
        {
            method = new Method(label);
            _methods.Add(method);
        }

        return method;
    }

    private sealed class Method(string label)
    {
        public string Label { get; } = label;

        public List<WorkerAction> Actions { get; } = [];

        public int Uploads { get; set; }
    }
}
