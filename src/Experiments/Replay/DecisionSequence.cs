using System.Globalization;

namespace Sasg.Experiments.Replay;

/// <summary>Checks that the decision rows of each method run through its iterations in order, workers 0 to M - 1 in
/// each, with one M for every method, as a run writes them; rows of different methods may interleave.</summary>
/// <remarks>Checking the order as rows arrive costs a few comparisons per row and no allocation, names the first row
/// out of place, and bounds every later allocation by the number of rows read.</remarks>
internal sealed class DecisionSequence
{
    private readonly Dictionary<string, Progress> _methods = new(StringComparer.Ordinal);
    private Progress? _last;

    /// <summary>The number of workers in every iteration, or 0 while no method has finished its iteration 0.</summary>
    public int Workers { get; private set; }

    /// <summary>The methods in order of first appearance.</summary>
    public IEnumerable<string> Labels => _methods.Keys;

    /// <summary>Whether <paramref name="label"/> has no row yet.</summary>
    public bool IsNew(string label) => _last?.Label != label && !_methods.ContainsKey(label);

    /// <summary>Takes the row (<paramref name="label"/>, <paramref name="iteration"/>, <paramref name="worker"/>), both
    /// not negative; returns what is out of place, or null.</summary>
    public string? Next(string label, int iteration, int worker)
    {
        var method = _last?.Label == label ? _last : Find(label);
        _last = method;
        if (method.Workers == 0 && method.NextWorker > 0 && iteration == 1 && worker == 0 && method.NextIteration == 0)
        {
            if (Workers != 0 && method.NextWorker != Workers)
            {
                return $"'{method.Shown}' has {Count(method.NextWorker)} workers in iteration 0 but the other methods {Count(Workers)}";
            }

            Workers = method.Workers = method.NextWorker;
            method.NextIteration = 1;
            method.NextWorker = 0;
        }

        if (iteration != method.NextIteration || worker != method.NextWorker)
        {
            return Misplaced(method, iteration, worker);
        }

        method.NextWorker++;
        if (method.NextWorker == method.Workers)
        {
            method.NextIteration++;
            method.NextWorker = 0;
        }

        return null;
    }

    /// <summary>What is wrong once every row is read (a method cut off inside an iteration, or methods with different
    /// worker counts), or null.</summary>
    public string? Finish()
    {
        foreach (var method in _methods.Values.Where(m => m.Workers == 0))
        {
            Workers = Workers == 0 ? method.NextWorker : Workers;
            if (method.NextWorker != Workers)
            {
                return $"'{method.Shown}' has {Count(method.NextWorker)} workers in iteration 0 but the other methods {Count(Workers)}";
            }

            method.Workers = Workers;
            method.NextIteration = 1;
            method.NextWorker = 0;
        }

        return _methods.Values.FirstOrDefault(m => m.NextWorker != 0) is { } cut
            ? $"'{cut.Shown}' stops in iteration {Count(cut.NextIteration)} after worker {Count(cut.NextWorker - 1)} of {Count(cut.Workers)} (workers 0 to {Count(cut.Workers - 1)}): the file is cut short"
            : null;
    }

    /// <summary>The number of complete iterations of <paramref name="label"/> (after <see cref="Finish"/>).</summary>
    public int IterationsOf(string label) => _methods.TryGetValue(label, out var method) ? method.NextIteration : 0;

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Progress Find(string label)
    {
        if (!_methods.TryGetValue(label, out var method))
        {
            method = new Progress(label) { Workers = Workers };
            _methods.Add(label, method);
        }

        return method;
    }

    private static string Misplaced(Progress method, int iteration, int worker)
    {
        var found = $"'{method.Shown}' iteration {Count(iteration)}, worker {Count(worker)}";
        if (method.Workers > 0 && worker >= method.Workers)
        {
            return $"{found}: the run has {Count(method.Workers)} workers (0 to {Count(method.Workers - 1)})";
        }

        if (method.Workers > 0 && method.NextWorker > 0 && iteration == method.NextIteration + 1 && worker == 0)
        {
            return $"'{method.Shown}' iteration {Count(method.NextIteration)} has {Count(method.NextWorker)} of the run's {Count(method.Workers)} workers (0 to {Count(method.Workers - 1)})";
        }

        var expected = method.Workers == 0 && method.NextWorker > 0
            ? $"iteration 0, worker {Count(method.NextWorker)} or iteration 1, worker 0"
            : $"iteration {Count(method.NextIteration)}, worker {Count(method.NextWorker)}";
        return $"{found} where {expected} was expected (each method's rows run through its iterations in order, workers 0 to M - 1 in each)";
    }

    private sealed class Progress(string label)
    {
        public string Label { get; } = label;

        public string Shown { get; } = DecisionsCsv.Shorten(label);

        public int Workers { get; set; }

        public int NextIteration { get; set; }

        public int NextWorker { get; set; }
    }
}
