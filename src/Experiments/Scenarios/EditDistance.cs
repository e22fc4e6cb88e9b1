namespace Sasg.Experiments.Scenarios;

/// <summary>Levenshtein distance, for "did you mean" suggestions on misspelt field names.</summary>
internal static class EditDistance
{
    /// <summary>The number of single-character insertions, deletions or substitutions turning one string into the other.</summary>
    public static int Of(string left, string right)
    {
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
