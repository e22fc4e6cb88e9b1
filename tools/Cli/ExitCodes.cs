namespace Sasg.Cli;

/// <summary>The exit codes of the sasg program.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A bug or an unexpected failure inside Sasg; the message says what happened.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: a broken scenario or command line, a missing dataset, an impossible parameter.</summary>
    public const int BadInput = 2;
}
