using Sasg.Experiments.Results;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

public sealed class NativeFilesTests
{
    [Test]
    public void SyncDirectory_AFolderThatIsGone_ThrowsNamingIt()
    {
        Assume.That(OperatingSystem.IsLinux(), "folders are flushed through libc");
        using var folder = new TemporaryDirectory();
        var gone = Path.Combine(folder.Path, "gone");

        Assert.That(() => NativeFiles.SyncDirectory(gone), Throws.InstanceOf<IOException>().With.Message.Contains(gone));
    }

    [Test]
    public void TryHardLink_GivesASecondNameOfTheSameFile_AndRefusesAnExistingName()
    {
        Assume.That(OperatingSystem.IsLinux(), "hard links are made through libc");
        using var folder = new TemporaryDirectory();
        var existing = Path.Combine(folder.Path, "a.csv");
        var link = Path.Combine(folder.Path, "b.csv");
        File.WriteAllText(existing, "one");

        var linked = NativeFiles.TryHardLink(existing, link);
        File.AppendAllText(existing, ",two");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(linked, Is.True);
            Assert.That(File.ReadAllText(link), Is.EqualTo("one,two"));
            Assert.That(NativeFiles.TryHardLink(existing, link), Is.False);
        }
    }
}
