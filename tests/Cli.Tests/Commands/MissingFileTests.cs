using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>A file or folder that does not exist is one line that starts "sasg:" and names it (never a bare "$:").</summary>
[NonParallelizable]
public sealed class MissingFileTests
{
    [TestCase("run", "nosuch.json")]
    [TestCase("validate", "nosuch.json")]
    [TestCase("sweep", "nosuch.json")]
    [TestCase("heterogeneity", "nosuch.json")]
    [TestCase("report", "nosuch/")]
    [TestCase("plot", "nosuch/")]
    [TestCase("replay", "nosuch/")]
    public void Command_OnAMissingFile_PrintsOneSasgLineNamingItAndExitsTwo(string command, string file)
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, file);
        var error = new StringWriter();

        var exitCode = SasgApp.Run([command, path], new TestConsole(), error, DatasetLocator.Default);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("sasg: ").And.Contain(path.TrimEnd('/')).And.Not.Contain(" $:"));
        }
    }
}
