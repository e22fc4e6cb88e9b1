namespace Sasg.Experiments.Scenarios;

/// <summary>A scenario file that cannot be used; carries every problem found, one per line in the message.</summary>
/// <remarks>The CLI prints the message to stderr and exits with code 2.</remarks>
public sealed class ScenarioException : Exception
{
    /// <summary>An exception for <paramref name="problems"/> (at least one).</summary>
    public ScenarioException(IReadOnlyList<ScenarioProblem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>An exception with one problem.</summary>
    public ScenarioException(ScenarioProblem problem)
        : this([problem])
    {
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    private static string Format(IReadOnlyList<ScenarioProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A scenario exception needs at least one problem.", nameof(problems));
        }

        return string.Join('\n', problems.Select(p => p.ToString()));
    }
}
