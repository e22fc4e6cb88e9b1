using System.CommandLine;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg data</c>: where each dataset was found; <c>sasg data check NAME...</c>: fail if one is missing (or,
/// for CIFAR, if a file does not have the binary version's size).</summary>
internal static class DataCommand
{
    /// <summary>Builds the command; output goes to <paramref name="console"/>, errors to <paramref name="error"/>.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var command = new Command("data", "Show where each dataset is installed, or how to install it.");
        command.SetAction(_ => List(console, locator));

        var names = new Argument<string[]>("name")
        {
            Description = "Dataset names (see 'sasg data').",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check", "Exit 2 with the install command if a named dataset is missing (CIFAR: or a file has the wrong size).") { names };
        check.SetAction(parseResult => Check(console, error, locator, parseResult.GetValue(names) ?? []));
        command.Subcommands.Add(check);
        return command;
    }

    private static int List(IAnsiConsole console, DatasetLocator locator)
    {
        var table = new Table().AddColumn("dataset").AddColumn("status").AddColumn("folder").AddColumn("how to install");
        foreach (var dataset in KnownDatasets.All)
        {
            var found = locator.TryLocate(dataset, out var folder);
            table.AddRow(
                Markup.Escape(dataset.Name),
                found ? "installed" : "missing",
                Markup.Escape(found ? "found in " + folder : "belongs in " + locator.InstallFolder(dataset)),
                found ? string.Empty : Markup.Escape(dataset.InstallHint));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    private static int Check(IAnsiConsole console, TextWriter error, DatasetLocator locator, string[] names)
    {
        var exitCode = ExitCodes.Ok;
        foreach (var name in names)
        {
            if (!KnownDatasets.TryGet(name, out var dataset))
            {
                var known = string.Join(", ", KnownDatasets.All.Select(d => d.Name));
                error.WriteLine($"sasg: unknown dataset '{name}'; known datasets: {known}");
                exitCode = ExitCodes.BadInput;
                continue;
            }

            try
            {
                var folder = CifarFiles.TryCheck(dataset, locator, out var cifar) ? cifar : locator.Locate(dataset);
                console.WriteLine($"{dataset.Name}: {folder}");
            }
            catch (Exception ex) when (ex is DatasetNotFoundException or DataFormatException)
            {
                error.WriteLine($"sasg: {ex.Message}");
                exitCode = ExitCodes.BadInput;
            }
        }

        return exitCode;
    }
}
