namespace Sasg.Experiments.Sweeps;

/// <summary>A sweep folder that cannot be used for this scenario (it holds another scenario's sweep, or other files).</summary>
/// <remarks>The CLI prints the message on one line and exits with code 2.</remarks>
public sealed class SweepFolderException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which names the folder and the fix.</summary>
    public SweepFolderException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a default message.</summary>
    public SweepFolderException()
        : base("The sweep folder cannot be used.")
    {
    }

    /// <summary>An exception with <paramref name="message"/> and the exception that caused it.</summary>
    public SweepFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
