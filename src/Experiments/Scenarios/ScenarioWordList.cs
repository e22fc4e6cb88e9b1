namespace Sasg.Experiments.Scenarios;

/// <summary>The words a scenario field accepts (compared case-insensitively) and the value each stands for.</summary>
internal sealed class ScenarioWordList<T>(params (string Word, T Value)[] entries)
    where T : struct
{
    public IReadOnlyList<string> Words { get; } = entries.Select(e => e.Word).ToArray();

    public string Listing => string.Join(", ", Words.Select(w => $"\"{w}\""));

    public bool TryGet(string text, out T value)
    {
        foreach (var (word, entry) in entries)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                value = entry;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string WordOf(T value) => entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Word;
}
