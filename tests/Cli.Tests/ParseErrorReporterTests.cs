using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests;

/// <summary>A command line that does not parse: one line per distinct problem, a misspelt option or command named
/// with the nearest known one, exit 2.</summary>
[NonParallelizable]
public sealed class ParseErrorReporterTests
{
    [Test]
    public void Run_MisspeltOptionBeforeItsValue_NamesItOnceWithTheNearestOption()
    {
        var (code, lines) = Sasg("run", "--ouput", "x", RepositoryPaths.InRoot("scenarios", "default.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: run: unknown option '--ouput'; did you mean '--output'? (see 'sasg run --help')" }));
        }
    }

    [Test]
    public void Sweep_AnOptionsValueThatLooksLikeAnOption_IsAValue()
    {
        var parseResult = new System.CommandLine.RootCommand { global::Sasg.Cli.Commands.SweepCommand.Create(new TestConsole(), new StringWriter(), DatasetLocator.Default) }
            .Parse(["sweep", "s.json", "--engine", "slurm", "--sbatch-arg=--comment=x", "--sbatch-arg", "--account=y"]);
        var error = new StringWriter();

        var problems = ParseErrorReporter.Report(parseResult, error);

        Assert.That(problems, Is.Zero, error.ToString());
    }

    [Test]
    public void Run_MisspeltOptionWithEqualsSign_IsNamedThoughTheParserTookItForTheScenario()
    {
        var (code, lines) = Sasg("run", "--ouput=x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: run: unknown option '--ouput'; did you mean '--output'? (see 'sasg run --help')" }));
        }
    }

    [Test]
    public void Root_MisspeltCommand_SuggestsTheNearest()
    {
        var (code, lines) = Sasg("rnu", "x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: unknown command 'rnu'; did you mean 'run'? (see 'sasg --help')" }));
        }
    }

    [Test]
    public void Sweep_MisspeltSubcommand_SuggestsTheNearest()
    {
        var (code, lines) = Sasg("sweep", "stauts", "x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: sweep: unknown command 'stauts'; did you mean 'status'? (see 'sasg sweep --help')" }));
        }
    }

    [Test]
    public void Validate_RepeatedExtraArgument_IsReportedOnce()
    {
        var (code, lines) = Sasg("validate", "a.json", "b", "b");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.Unique.And.Length.EqualTo(1));
        }
    }

    [Test]
    public void Run_NegativeNumberAsAnOptionValue_IsNotTakenForAnOption()
    {
        var (code, lines) = Sasg("run", "--parallel", "-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: --parallel -1: write a number of methods of at least 1" }));
        }
    }

    private static (int Code, string[] Lines) Sasg(params string[] args)
    {
        var error = new StringWriter();
        var code = SasgApp.Run(args, new TestConsole(), error, DatasetLocator.Default);
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
