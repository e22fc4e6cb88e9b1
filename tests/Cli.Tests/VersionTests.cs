using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sasg.Experiments.Results;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests;

/// <summary><c>sasg --version</c> and the build it reports.</summary>
public sealed class VersionTests
{
    [Test]
    public void Version_PrintsDirectoryBuildPropsVersionWithTheCommit()
    {
        var props = XDocument.Load(RepositoryPaths.InRoot("Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;
        var output = new StringWriter();
        var console = new TestConsole().Width(300);

        var exitCode = SasgApp.Run(["--version"], console, output, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(console.Output.Trim(), Does.StartWith($"sasg {version} (commit "));
            Assert.That(BuildInfo.Current.Version, Is.EqualTo(version));
            Assert.That(BuildInfo.Current.Commit, Does.Match("^([0-9a-f]{40}|unknown)$"));
            Assert.That(BuildInfo.Current.TreeDirty, Is.AnyOf("true", "false", "unknown"));
        }
    }

    [Test]
    public void Changelog_StartsWithTheCurrentVersion_AfterAnyUnreleasedSection()
    {
        var changelog = File.ReadAllText(RepositoryPaths.InRoot("CHANGELOG.md"));

        // An "Unreleased" section, the changes since that version, may come first.
        var first = Regex.Match(changelog, @"^## (?!Unreleased$)(\S+)", RegexOptions.Multiline);

        Assert.That(first.Groups[1].Value, Is.EqualTo(BuildInfo.Current.Version));
    }

    [Test]
    public void Citation_NamesTheCurrentVersion()
    {
        var citation = File.ReadAllText(RepositoryPaths.InRoot("CITATION.cff"));

        Assert.That(citation, Does.Contain($"\nversion: {BuildInfo.Current.Version}\n"));
    }
}
