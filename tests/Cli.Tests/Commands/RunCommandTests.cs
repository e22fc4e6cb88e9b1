using Sasg.Learning.Data;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

[NonParallelizable]
public sealed class RunCommandTests
{
    [Test]
    public void Run_WithoutScenario_PrintsTheDefaultTable_AndExitsZero()
    {
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["run"], console, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(console.Output, Does.Contain("GD").And.Contain("LAG-WK").And.Contain("LAG-PS"));
            Assert.That(console.Output, Does.Contain("simulated s"));
        }
    }

    [Test]
    public void Run_WithAScenarioFile_SaysItIsNotSupportedYet_AndExitsTwo()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["run", "scenarios/x.json"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("scenarios/x.json"));
        }
    }
}
