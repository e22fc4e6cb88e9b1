using System.CommandLine;
using System.CommandLine.Parsing;
using Sasg.Experiments.Scenarios;

namespace Sasg.Cli;

/// <summary>Turns a command line that did not parse into one line per distinct problem, naming a misspelt option or
/// command with the nearest known one.</summary>
/// <remarks>System.CommandLine takes an unknown option such as <c>--ouput</c> for a positional argument, then
/// reports the tokens after it as unrecognized (<c>'x'</c>, <c>'scenarios/default.json'</c>) and never the option
/// itself; those follow-on errors are dropped when the misspelt token explains them.</remarks>
internal static class ParseErrorReporter
{
    /// <summary>Writes the problems of <paramref name="parseResult"/> to <paramref name="error"/>, each once: its
    /// parse errors and any token that looks like an option no option of the command has (which the parser may have
    /// taken for an argument without an error).</summary>
    /// <returns>The number of lines written; 0 when the command line is fine.</returns>
    public static int Report(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var command = CommandPath(parseResult.CommandResult);
        var help = $"(see '{string.Join(' ', ["sasg", .. command])} --help')";
        var lines = UnknownOptions(parseResult, command, help).ToList();
        if (lines.Count == 0 && parseResult.Errors.Count > 0 && UnknownCommand(parseResult, command, help) is { } unknownCommand)
        {
            lines.Add(unknownCommand);
        }

        if (lines.Count == 0)
        {
            lines.AddRange(parseResult.Errors.Select(e => $"sasg: {e.Message.TrimEnd('.')} {help}"));
        }

        var distinct = lines.Distinct(StringComparer.Ordinal).ToList();
        foreach (var line in distinct)
        {
            error.WriteLine(line);
        }

        return distinct.Count;
    }

    // Tokens that look like options (--name, -x) but that no option of the command (or a recursive one of its
    // parents) accepts; a negative number ("-1") is a value, not an option.
    private static IEnumerable<string> UnknownOptions(ParseResult parseResult, List<string> command, string help)
    {
        var prefix = command.Count == 0 ? "sasg:" : $"sasg: {string.Join(' ', command)}:";
        var known = KnownOptions(parseResult.CommandResult).ToList();
        var values = OptionValues(parseResult.CommandResult);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in parseResult.Tokens)
        {
            // "--sbatch-arg=--comment=x" gives the option the value "--comment=x": a value, however it looks.
            if (token.Type != TokenType.Argument || !LooksLikeOption(token.Value) || values.Contains(token))
            {
                continue;
            }

            var name = token.Value.Split('=', 2)[0];
            if (known.Contains(name, StringComparer.Ordinal) || !seen.Add(name))
            {
                continue;
            }

            var suggestion = EditDistance.Closest(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)));
            yield return suggestion is null
                ? $"{prefix} unknown option '{name}' {help}"
                : $"{prefix} unknown option '{name}'; did you mean '{suggestion}'? {help}";
        }
    }

    // "sasg rnu x", "sasg sweep stauts x": the first word after a command with subcommands names none of them.
    private static string? UnknownCommand(ParseResult parseResult, List<string> path, string help)
    {
        var command = parseResult.CommandResult.Command;
        var tokens = parseResult.Tokens;
        var index = path.Count;
        if (command.Subcommands.Count == 0 || tokens.Count <= index
            || tokens[index] is not { Type: TokenType.Argument } first || LooksLikeOption(first.Value))
        {
            return null;
        }

        var suggestion = EditDistance.Closest(first.Value, command.Subcommands.Select(c => c.Name));
        if (suggestion is null && path.Count > 0)
        {
            // A command with an argument of its own ("sweep <scenario>"): a far-off word is that argument.
            return null;
        }

        var prefix = path.Count == 0 ? "sasg:" : $"sasg: {string.Join(' ', path)}:";
        return suggestion is null
            ? $"{prefix} unknown command '{first.Value}' {help}"
            : $"{prefix} unknown command '{first.Value}'; did you mean '{suggestion}'? {help}";
    }

    // The tokens the parser bound to an option as its value, on the command and its parents.
    private static HashSet<Token> OptionValues(CommandResult commandResult)
    {
        var values = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                foreach (var option in command.Children.OfType<OptionResult>())
                {
                    values.UnionWith(option.Tokens);
                }
            }
        }

        return values;
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.';

    private static IEnumerable<string> KnownOptions(CommandResult commandResult)
    {
        var own = true;
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var command })
            {
                foreach (var option in command.Options.Where(o => own || o.Recursive))
                {
                    yield return option.Name;
                    foreach (var alias in option.Aliases)
                    {
                        yield return alias;
                    }
                }

                own = false;
            }
        }
    }

    // The command's words after "sasg", for example ["sweep", "status"].
    private static List<string> CommandPath(CommandResult commandResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var command } && result.Parent is not null)
            {
                names.Insert(0, command.Name);
            }
        }

        return names;
    }
}
