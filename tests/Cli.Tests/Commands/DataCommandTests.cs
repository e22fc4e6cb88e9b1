using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

public sealed class DataCommandTests
{
    [Test]
    public void Check_WhenDatasetMissing_PrintsOneLineWithInstallCommand_AndExitsTwo()
    {
        using var empty = new TemporaryDirectory();
        var console = new TestConsole();
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["data", "check", "fashion-mnist"], console, error, EmptyLocator(empty));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("sasg: Dataset 'fashion-mnist' is not installed"));
            Assert.That(lines[0], Does.Contain("bash tools/scripts/install-data.sh"));
        }
    }

    [Test]
    public void Check_WhenDatasetPresent_PrintsItsFolder_AndExitsZero()
    {
        using var root = new TemporaryDirectory();
        for (var digit = 0; digit < 10; digit++)
        {
            root.WriteFile($"mnist-json/{digit}.json", "{}");
        }

        var console = new TestConsole();
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["data", "check", "mnist-json"], console, error, EmptyLocator(root));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(console.Output, Does.Contain(Path.Combine(root.Path, "mnist-json")));
        }
    }

    [Test]
    public void Check_WhenDatasetUnknown_ListsKnownNames_AndExitsTwo()
    {
        using var empty = new TemporaryDirectory();
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["data", "check", "cifar-10"], new TestConsole(), error, EmptyLocator(empty));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("unknown dataset 'cifar-10'").And.Contain("fashion-mnist"));
        }
    }

    [Test]
    public void Data_ListsEveryKnownDataset()
    {
        using var empty = new TemporaryDirectory();
        var console = new TestConsole();

        var exitCode = SasgApp.Run(["data"], console, new StringWriter(), EmptyLocator(empty));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            foreach (var dataset in KnownDatasets.All)
            {
                Assert.That(console.Output, Does.Contain(dataset.Name));
            }
        }
    }

    [Test]
    public void Data_WhenLagUciIsMissing_SaysWhereItBelongsAndHowToRestoreIt()
    {
        using var empty = new TemporaryDirectory();
        var console = new TestConsole().Width(400);

        var exitCode = SasgApp.Run(["data"], console, new StringWriter(), EmptyLocator(empty));

        var line = console.Output.Split('\n').Single(l => l.Contains("lag-uci ", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(line, Does.Contain("missing").And.Contain("belongs in " + Path.Combine(empty.Path, "lag-uci")));
            Assert.That(line, Does.Contain("git checkout -- data/lag-uci").And.Not.Contain("copy the folder"));
        }
    }

    [Test]
    public void Data_WhenADatasetIsInstalled_SaysTheFolderItWasFoundIn()
    {
        var console = new TestConsole().Width(400);
        var locator = new DatasetLocator([RepositoryPaths.InRoot("data")], searchSystemFolders: false);

        SasgApp.Run(["data"], console, new StringWriter(), locator);

        var line = console.Output.Split('\n').Single(l => l.Contains("lag-uci ", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("installed").And.Contain("found in " + RepositoryPaths.LagUci));
    }

    [Test]
    public void UnknownCommand_ExitsTwo_WithOneLinePerParseError()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["frobnicate"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("frobnicate"));
        }
    }

    private static DatasetLocator EmptyLocator(TemporaryDirectory root) => new([root.Path], searchSystemFolders: false);
}
