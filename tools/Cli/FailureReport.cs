using System.Runtime.InteropServices;

namespace Sasg.Cli;

/// <summary>The report of a failure that is not the user's: one line on stderr, and the whole exception (a native
/// stack included) only when <c>--verbose</c> is given.</summary>
internal static class FailureReport
{
    /// <summary>Writes the report of <paramref name="exception"/> to <paramref name="error"/>; returns
    /// <see cref="ExitCodes.InternalError"/>.</summary>
    /// <remarks>libtorch's errors reach .NET as an <see cref="ExternalException"/> whose message is the native message
    /// followed by the native stack, one frame a line: the first line says what went wrong, the rest is for a bug
    /// report.</remarks>
    public static int Write(TextWriter error, Exception exception, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        error.WriteLine(Native(exception) is { } native
            ? $"sasg: {FirstLine(native.Message)}"
            : $"sasg: internal error: {exception.GetType().Name}: {FirstLine(exception.Message)}");
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return ExitCodes.InternalError;
    }

    /// <summary>The first line of the native error inside <paramref name="exception"/> (libtorch's message without
    /// its stack), or else of the exception's own message.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return FirstLine((Native(exception) ?? exception).Message);
    }

    // The native error itself, or the one a wrapper (a sweep cell's, a parallel loop's) carries inside.
    private static ExternalException? Native(Exception exception) => exception switch
    {
        ExternalException native => native,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Native).FirstOrDefault(n => n is not null),
        { InnerException: { } inner } => Native(inner),
        _ => null,
    };

    /// <summary>The first line of <paramref name="message"/>, trimmed: what an error says, without what follows.</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
