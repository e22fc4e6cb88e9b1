using Sasg.Cli;
using Sasg.Learning.Data;
using Spectre.Console;

return SasgApp.Run(args, AnsiConsole.Console, Console.Error, DatasetLocator.Default);
