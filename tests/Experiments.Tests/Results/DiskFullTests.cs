using Sasg.Experiments.Results;

namespace Sasg.Experiments.Tests.Results;

public sealed class DiskFullTests
{
    [TestCase(28, "No space left on device : '/x/trace.csv'", ExpectedResult = true)]
    [TestCase(122, "Disk quota exceeded : '/x'", ExpectedResult = true)]
    [TestCase(0, "No space left on device", ExpectedResult = true)]
    [TestCase(unchecked((int)0x80070070), "There is not enough space on the disk.", ExpectedResult = true)]
    [TestCase(13, "Access to the path '/x' is denied.", ExpectedResult = false)]
    [TestCase(0, "The process cannot access the file", ExpectedResult = false)]
    public bool Caused_TellsAFullDiskFromOtherErrors(int code, string message) => DiskFull.Caused(new IOException(message, code));

    [Test]
    public void Caused_LooksInsideWrappingExceptions()
    {
        var full = new IOException("No space left on device", 28);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(DiskFull.Caused(new InvalidOperationException("outer", full)), Is.True);
            Assert.That(DiskFull.Caused(new AggregateException(new ArgumentException("a"), full)), Is.True);
            Assert.That(DiskFull.Caused(new InvalidOperationException("outer")), Is.False);
            Assert.That(DiskFull.Caused(null), Is.False);
        }
    }
}
