using System.CommandLine;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg report &lt;results&gt;</c>: prints a results folder's report.md (the Table II-shaped summary).</summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var results = new Argument<string>("results") { Description = "A results folder written by 'sasg run'." };
        var command = new Command("report", "Print the report of a results folder.") { results };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(results)!;
            var report = Path.Combine(folder, "report.md");
            if (!File.Exists(report))
            {
                error.WriteLine($"sasg: {report}: no report here; run 'sasg run <scenario> --output {folder}' first");
                return ExitCodes.BadInput;
            }

            console.Profile.Out.Writer.Write(File.ReadAllText(report));
            return ExitCodes.Ok;
        });
        return command;
    }
}
