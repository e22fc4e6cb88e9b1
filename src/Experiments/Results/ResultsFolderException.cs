namespace Sasg.Experiments.Results;

/// <summary>A results folder that a run cannot use: it cannot be created or written, or it holds files the run would
/// mistake for its own. The message is one line naming the folder, the problem and the fix.</summary>
public sealed class ResultsFolderException : Exception
{
    /// <summary>An exception with <paramref name="message"/>.</summary>
    public ResultsFolderException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public ResultsFolderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An exception with a default message.</summary>
    public ResultsFolderException()
    {
    }
}
