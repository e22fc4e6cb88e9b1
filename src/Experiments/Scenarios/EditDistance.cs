namespace Sasg.Experiments.Scenarios;

/// <summary>Levenshtein distance, for "did you mean" suggestions on misspelt field names and command-line options.</summary>
public static class EditDistance
{
    /// <summary>The candidate nearest to <paramref name="name"/> (ignoring case) within fewer than
    /// <paramref name="limit"/> edits, or null; the first of equally near ones.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates, int limit = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = limit;
        foreach (var candidate in candidates)
        {
            var distance = Of(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The number of single-character insertions, deletions or substitutions turning one string into the other.</summary>
    public static int Of(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var previous = new int[right.Length + 1];
        var current = new int[right.Length + 1];
        for (var j = 0; j <= right.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= left.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[right.Length];
    }
}
