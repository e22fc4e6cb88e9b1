using System.Text.RegularExpressions;
using Sasg.Cli.Commands;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests;

/// <summary>The exit codes are listed once (ExitCodes) and docs/cli.md, the README and --help agree with it.</summary>
[NonParallelizable]
public sealed class ExitCodesTests
{
    [Test]
    public void CliDoc_ExitCodeTable_ListsEveryCodeOnce()
    {
        var doc = File.ReadAllText(RepositoryPaths.InRoot("docs", "cli.md"));
        var section = doc[doc.IndexOf("## Exit codes", StringComparison.Ordinal)..];

        var codes = Regex.Matches(section, @"^\| (\d+) \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(codes, Is.EqualTo(ExitCodes.All.Select(c => c.Code)));
    }

    [Test]
    public void Readme_ExitCodeLine_NamesEveryCodeAndLinksTheDoc()
    {
        var line = File.ReadAllLines(RepositoryPaths.InRoot("README.md")).Single(l => l.Contains("Exit codes", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(line, Does.Contain("docs/cli.md#exit-codes"));
            foreach (var (code, _) in ExitCodes.All)
            {
                Assert.That(line, Does.Contain(code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    [Test]
    public void Help_ListsEveryCode()
    {
        var console = new TestConsole().Width(300);

        SasgApp.Run(["--help"], console, new StringWriter(), DatasetLocator.Default);

        Assert.That(console.Output.ReplaceLineEndings(" "), Does.Contain("Exit codes: 0 ok, 1 internal error, 2 bad input, 3 validate-network"));
    }

    [Test]
    public void ValidateNetwork_Codes_AreTheListedOnes()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ValidateNetworkCommand.CannotEmulate, Is.EqualTo(ExitCodes.CannotEmulate));
            Assert.That(ValidateNetworkCommand.TargetMissed, Is.EqualTo(ExitCodes.TargetMissed));
            Assert.That(ValidateNetworkCommand.WrongModelNotRejected, Is.EqualTo(ExitCodes.WrongModelNotRejected));
        }
    }
}
