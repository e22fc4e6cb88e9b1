namespace Sasg.Learning.Models;

/// <summary>A TorchScript file could not be loaded; <see cref="Problem"/> says why and what to do.</summary>
public sealed class TorchScriptException : Exception
{
    /// <summary>An exception for <paramref name="problem"/>.</summary>
    public TorchScriptException(TorchScriptProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Problem)
    {
        Problem = problem;
    }

    /// <summary>An exception for <paramref name="problem"/> caused by <paramref name="inner"/>.</summary>
    public TorchScriptException(TorchScriptProblem problem, Exception inner)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Problem, inner)
    {
        Problem = problem;
    }

    /// <summary>The problem and its fix.</summary>
    public TorchScriptProblem Problem { get; }
}
