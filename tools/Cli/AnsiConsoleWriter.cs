using System.Text;
using Spectre.Console;

namespace Sasg.Cli;

/// <summary>A text writer that forwards to an <see cref="IAnsiConsole"/>, so that help text reaches test consoles.</summary>
internal sealed class AnsiConsoleWriter(IAnsiConsole console) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    /// <inheritdoc/>
    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);
}
