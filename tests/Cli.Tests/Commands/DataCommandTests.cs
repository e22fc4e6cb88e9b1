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
