using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

public sealed class DataCommandCifarTests
{
    [TestCase("cifar10", "cifar-10-batches-bin", "cifar-10-binary.tar.gz", "data_batch_1.bin .. data_batch_5.bin and test_batch.bin, 30,730,000 bytes each")]
    [TestCase("cifar100", "cifar-100-binary", "cifar-100-binary.tar.gz", "train.bin (153,700,000 bytes, 50,000 records) and test.bin (30,740,000 bytes, 10,000 records)")]
    public void Data_WhenCifarIsMissing_SaysWhereItBelongs_WhereToDownloadIt_AndWhatTheFilesMustBe(
        string name, string folder, string archive, string files)
    {
        using var empty = new TemporaryDirectory();
        var console = new TestConsole().Width(1000);

        var exitCode = SasgApp.Run(["data"], console, new StringWriter(), new DatasetLocator([empty.Path], searchSystemFolders: false));

        var line = console.Output.Split('\n').Single(l => l.Contains($" {name} ", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(line, Does.Contain("missing").And.Contain("belongs in " + Path.Combine(empty.Path, folder)));
            Assert.That(line, Does.Contain("https://www.cs.toronto.edu/~kriz/cifar.html").And.Contain(archive).And.Contain(files));
        }
    }

    [Test]
    public void Check_WhenACifarFileHasTheWrongSize_PrintsOneLineNamingIt_AndExitsTwo()
    {
        using var root = new TemporaryDirectory();
        foreach (var name in new[] { "train.bin", "test.bin" })
        {
            root.WriteFile(Path.Combine("cifar-100-binary", name), new string('a', 3074 * 2));
        }

        var error = new StringWriter();

        var exitCode = SasgApp.Run(["data", "check", "cifar100"], new TestConsole(), error, new DatasetLocator([root.Path], false));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Is.EqualTo(
                $"sasg: {Path.Combine(root.Path, "cifar-100-binary", "train.bin")}: holds 2 records of 3,074 bytes (6,148 bytes), "
                + "CIFAR-100's binary version holds 50,000 (153,700,000 bytes)"));
        }
    }

    [Test]
    public void Check_WhenACifarFileIsMissing_NamesIt_AndExitsTwo()
    {
        using var root = new TemporaryDirectory();
        root.WriteFile(Path.Combine("cifar-100-binary", "train.bin"), "x");
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["data", "check", "cifar100"], new TestConsole(), error, new DatasetLocator([root.Path], false));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith(
                $"sasg: Dataset 'cifar100' is not installed: {Path.Combine(root.Path, "cifar-100-binary")} has no test.bin. Install it with: download"));
        }
    }
}
