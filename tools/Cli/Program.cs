using Sasg.Cli;
using Sasg.Cli.Rendering;
using Sasg.Learning.Data;
using Spectre.Console;

var console = AnsiConsole.Console;
if (ConsoleWidth.For(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected) is { } width)
{
    console.Profile.Width = width;
}

return SasgApp.Run(args, console, Console.Error, DatasetLocator.Default);
