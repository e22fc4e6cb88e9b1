namespace Sasg.Cli.Commands;

/// <summary>No self-contained sasg can be put into the sweep folder; the CLI prints the message and exits 2.</summary>
internal sealed class SweepPublishException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which says why and what to do.</summary>
    public SweepPublishException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a default message.</summary>
    public SweepPublishException()
        : base("No published sasg could be put into the sweep folder.")
    {
    }

    /// <summary>An exception with <paramref name="message"/> and its cause.</summary>
    public SweepPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
