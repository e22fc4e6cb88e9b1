using System.Globalization;
using System.Text;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Fidelity;

/// <summary>Chooses the iterations of real decision logs that one emulated network replays, and writes them as the
/// plan file <c>tools/netem/tcpuploads</c> reads (one line per iteration, M sizes, -1 = skip).</summary>
public static class EmulationPlan
{
    /// <summary>
    /// Up to <paramref name="perAlgorithm"/> iterations of each algorithm (in the given order), workers 0..M-1 of each,
    /// taken round-robin (iteration 0 of every algorithm, then iteration 1, ...) while the estimated emulation time stays
    /// within <paramref name="budget"/> nanoseconds; the first iteration is always taken.
    /// </summary>
    /// <param name="rows">A run's decisions.csv rows.</param>
    /// <param name="algorithms">The algorithm labels to use, in order.</param>
    /// <param name="workers">M; every log must have at least M workers.</param>
    /// <param name="perAlgorithm">The most iterations taken from each algorithm.</param>
    /// <param name="estimate">The estimated emulated time of one iteration, in nanoseconds.</param>
    /// <param name="budget">The time budget for all chosen iterations, in nanoseconds.</param>
    /// <param name="replicate">Whether a log with N &lt; M workers is stretched: worker w takes worker w mod N's
    /// decision; otherwise such a log is an error.</param>
    /// <exception cref="InvalidDataException">An algorithm is missing or (without <paramref name="replicate"/>) has fewer
    /// than M workers.</exception>
    public static IReadOnlyList<PlannedIteration> Select(
        IReadOnlyList<DecisionRow> rows,
        IReadOnlyList<string> algorithms,
        int workers,
        int perAlgorithm,
        Func<PlannedIteration, long> estimate,
        long budget,
        bool replicate = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(estimate);
        var candidates = algorithms.Select(a => Iterations(rows, a, workers, perAlgorithm, replicate)).ToList();
        var chosen = new List<PlannedIteration>();
        var spent = 0L;
        for (var k = 0; k < perAlgorithm; k++)
        {
            foreach (var log in candidates.Where(log => k < log.Count))
            {
                var cost = estimate(log[k]);
                if (chosen.Count > 0 && spent + cost > budget)
                {
                    continue;
                }

                chosen.Add(log[k]);
                spent += cost;
            }
        }

        return chosen;
    }

    /// <summary>The plan file text: a comment line naming each iteration's source, then its M sizes.</summary>
    public static string ToText(IReadOnlyList<PlannedIteration> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var iteration in plan)
        {
            text.Append(CultureInfo.InvariantCulture, $"# {iteration.Algorithm} k={iteration.Iteration}\n");
            text.AppendJoin(' ', iteration.Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The plan in <paramref name="text"/> as <see cref="ToText"/> wrote it, for <paramref name="workers"/> workers.</summary>
    /// <exception cref="InvalidDataException">The text is not such a plan.</exception>
    public static IReadOnlyList<PlannedIteration> Parse(string text, int workers)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plan = new List<PlannedIteration>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var source = lines[i].Split(' ');
            var sizes = lines[i + 1].Split(' ');
            if (source.Length != 3 || source[0] != "#" || !source[2].StartsWith("k=", StringComparison.Ordinal)
                || !int.TryParse(source[2][2..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration)
                || sizes.Length != workers)
            {
                throw new InvalidDataException($"plan line {i + 1}: expected '# <algorithm> k=<iteration>' and {workers} sizes");
            }

            plan.Add(new PlannedIteration(source[1], iteration, [.. sizes.Select(s => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))]));
        }

        return lines.Length % 2 == 0 ? plan : throw new InvalidDataException("plan: an iteration has no sizes line");
    }

    private static List<PlannedIteration> Iterations(IReadOnlyList<DecisionRow> rows, string algorithm, int workers, int count, bool replicate)
    {
        var mine = rows.Where(r => r.Algorithm == algorithm).ToList();
        if (mine.Count == 0)
        {
            throw new InvalidDataException($"the decision logs have no algorithm '{algorithm}'");
        }

        var available = mine.Max(r => r.Worker) + 1;
        if (available < workers && !replicate)
        {
            throw new InvalidDataException($"algorithm '{algorithm}' has {available} workers, fewer than M = {workers} (--replicate-workers stretches it)");
        }

        var result = new List<PlannedIteration>();
        foreach (var iteration in mine.Where(r => r.Worker < workers).GroupBy(r => r.Iteration).OrderBy(g => g.Key).Take(count))
        {
            var logged = new long[available];
            foreach (var row in iteration)
            {
                logged[row.Worker] = row.Decision == "upload" ? row.Bytes : -1;
            }

            var sizes = new long[workers];
            for (var w = 0; w < workers; w++)
            {
                sizes[w] = logged[w % available];
            }

            result.Add(new PlannedIteration(algorithm, iteration.Key, sizes));
        }

        return result;
    }
}
