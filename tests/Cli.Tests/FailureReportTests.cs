using System.Runtime.InteropServices;
using Sasg.Learning.Data;
using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests;

/// <summary>A native (libtorch) error is one line and exit 1; its native stack shows only under --verbose.</summary>
[NonParallelizable]
public sealed class FailureReportTests
{
    // The shape of TorchSharp's ExternalException for a libtorch error (the message a crashed run printed).
    private const string NativeMessage = """
        Unknown scalar type.
        Exception raised from type at /pytorch/c10/core/Scalar.h:339 (most recent call first):
        frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xb0 (0x7f4390e091a0 in libc10.so)
        frame #9: THSTensor_mul_scalar + 0x5c (0x7f4370f8cccc in libLibTorchSharp.so)
        """;

    [Test]
    public void Run_WhenACommandHitsANativeError_PrintsItsFirstLineAndExitsOne()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["list"], new ThrowingConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(Lines(error), Is.EqualTo(new[] { "sasg: Unknown scalar type." }));
        }
    }

    [Test]
    public void Run_WithVerbose_AlsoPrintsTheNativeStack()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["list", "--verbose"], new ThrowingConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(Lines(error)[0], Is.EqualTo("sasg: Unknown scalar type."));
            Assert.That(error.ToString(), Does.Contain("THSTensor_mul_scalar").And.Contain("Scalar.h:339"));
        }
    }

    [Test]
    public void Run_WithVerboseAndNoFailure_RunsTheCommand()
    {
        var console = new TestConsole().Width(200);

        var exitCode = SasgApp.Run(["--verbose", "list"], console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(console.Output, Does.Contain("LAG-WK"));
        }
    }

    [Test]
    public void Write_NativeErrorInsideAnotherException_ReportsTheNativeFirstLine()
    {
        var error = new StringWriter();
        var wrapped = new AggregateException(new InvalidOperationException("cell failed", Native()));

        var exitCode = FailureReport.Write(error, wrapped, verbose: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(Lines(error), Is.EqualTo(new[] { "sasg: Unknown scalar type." }));
        }
    }

    [Test]
    public void Write_OtherFailureWithAMultiLineMessage_IsOneInternalErrorLine()
    {
        var error = new StringWriter();

        FailureReport.Write(error, new InvalidOperationException("broken\nsecond line"), verbose: false);

        Assert.That(Lines(error), Is.EqualTo(new[] { "sasg: internal error: InvalidOperationException: broken" }));
    }

    // What TorchSharp throws for a libtorch error (CheckForErrors); the analyzer reserves the type for the runtime.
#pragma warning disable CA2201
    private static ExternalException Native() => new(NativeMessage);
#pragma warning restore CA2201

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    // A console whose every write fails as libtorch fails: the command's output is where the error is injected.
    private sealed class ThrowingConsole : IAnsiConsole
    {
        private readonly TestConsole _inner = new();

        public Profile Profile => _inner.Profile;

        public IAnsiConsoleCursor Cursor => _inner.Cursor;

        public IAnsiConsoleInput Input => _inner.Input;

        public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;

        public RenderPipeline Pipeline => _inner.Pipeline;

        public void Clear(bool home) => _inner.Clear(home);

        public void Write(IRenderable renderable) => throw Native();

        public void WriteAnsi(Action<AnsiWriter> action) => throw Native();
    }
}
