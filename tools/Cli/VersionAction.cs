using System.CommandLine;
using System.CommandLine.Invocation;
using Sasg.Experiments.Results;

namespace Sasg.Cli;

/// <summary><c>sasg --version</c>: the version with the commit and tree state it was built from.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Current.Describe());
        return ExitCodes.Ok;
    }
}
