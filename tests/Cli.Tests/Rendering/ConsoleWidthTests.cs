using Sasg.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Rendering;

public sealed class ConsoleWidthTests
{
    [TestCase("132", true, 132)]
    [TestCase("132", false, 132)]
    [TestCase(null, true, ConsoleWidth.Unlimited)]
    [TestCase("", true, ConsoleWidth.Unlimited)]
    [TestCase("wide", true, ConsoleWidth.Unlimited)]
    [TestCase("0", true, ConsoleWidth.Unlimited)]
    public void For_ColumnsAndRedirection_GivesTheWidth(string? columns, bool redirected, int expected) =>
        Assert.That(ConsoleWidth.For(columns, redirected), Is.EqualTo(expected));

    [Test]
    public void For_AnInteractiveTerminalWithoutColumns_KeepsItsWidth() =>
        Assert.That(ConsoleWidth.For(null, redirected: false), Is.Null);

    [TestCase(80, false)]
    [TestCase(ConsoleWidth.Unlimited, true)]
    public void WideTable_AtTheWidth_SplitsANumberOnlyAt80Columns(int width, bool whole)
    {
        var console = new TestConsole().Width(width);
        var table = new Table();
        for (var i = 0; i < 10; i++)
        {
            table.AddColumn(new TableColumn("bytes " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).RightAligned());
        }

        table.AddRow(Enumerable.Repeat("260512000", 10).ToArray());

        console.Write(table);

        var row = console.Output.Split('\n').First(l => l.Contains("2605", StringComparison.Ordinal));
        Assert.That(row.Split('│', StringSplitOptions.TrimEntries).Count(c => c == "260512000") == 10, Is.EqualTo(whole));
    }
}
