using System.CommandLine;
using Sasg.Experiments.Scenarios;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg validate &lt;scenario&gt;</c>: checks a scenario file without running it.</summary>
internal static class ValidateCommand
{
    /// <summary>Builds the command; problems surface as <see cref="ScenarioException"/>, which the app prints (exit 2).</summary>
    public static Command Create(IAnsiConsole console)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file to check." };
        var command = new Command("validate", "Check a scenario file (every problem at once) without running it.") { scenario };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(scenario)!;
            var loaded = ScenarioLoader.Load(path);
            var cells = loaded.Sweep is null ? 1 : loaded.Expand().Count();
            console.WriteLine(
                $"ok: {path}: '{loaded.Name}', {loaded.Data.Workers} workers, {loaded.Algorithms.Count} algorithms, "
                + $"{cells} {(cells == 1 ? "cell" : "sweep cells")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
