using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Heterogeneity;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg heterogeneity [scenario] [--seeds 1,2,3] [--bases ...] [--workers ...] [--within-theorem]
/// [--output DIR]</c>: LAG's predicted saving DeltaC from the workers' smoothness against the measured C_LAG / C_GD of
/// LAG-WK and LAG-PS, per seed, with a verdict (holds, violated, or outside the theorem) (docs/heterogeneity.md).</summary>
internal static class HeterogeneityCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file (JSON) with a linear or logistic model. Omit it to use the embedded default.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds.", DefaultValueFactory = _ => "1,2,3" };
        var bases = new Option<string?>("--bases") { Description = "Sweep data.base (lag-synthetic), e.g. 1.0,1.1,1.2,1.3,1.4,1.5." };
        var workers = new Option<string?>("--workers") { Description = "Sweep the number of workers M, e.g. 3,6,9." };
        var within = new Option<bool>("--within-theorem")
        {
            Description = "Run inside the theorem's conditions: LAG xi_d = 0.5/D, step (1 - sum xi)/L for all three methods.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where heterogeneity.csv (and a sweep's plot) go (default: outputs.directory + -heterogeneity).",
        };
        var command = new Command(
            "heterogeneity", "LAG's heterogeneity score and predicted saving against measured LAG-WK/LAG-PS uploads to target.")
        {
            scenario, seeds, bases, workers, within, output,
        };
        command.SetAction(parseResult => Run(
            console,
            error,
            locator,
            parseResult.GetValue(scenario),
            parseResult.GetValue(seeds)!,
            parseResult.GetValue(bases),
            parseResult.GetValue(workers),
            parseResult.GetValue(within),
            parseResult.GetValue(output)));
        return command;
    }

    private static int Run(
        IAnsiConsole console,
        TextWriter error,
        DatasetLocator locator,
        string? path,
        string seedText,
        string? bases,
        string? workers,
        bool withinTheorem,
        string? output)
    {
        if (bases is not null && workers is not null)
        {
            error.WriteLine("sasg: give --bases or --workers, not both");
            return ExitCodes.BadInput;
        }

        if (!TryParseList(seedText, out var seedValues, whole: true) || seedValues.Any(s => s < 0))
        {
            error.WriteLine($"sasg: --seeds '{seedText}' is not a comma-separated list of whole numbers >= 0; write for example 1,2,3");
            return ExitCodes.BadInput;
        }

        var axis = bases is not null ? HeterogeneityAxis.Base : workers is not null ? HeterogeneityAxis.Workers : HeterogeneityAxis.None;
        var valueText = bases ?? workers ?? string.Empty;
        var values = new List<double>();
        if (axis != HeterogeneityAxis.None
            && (!TryParseList(valueText, out values, whole: axis == HeterogeneityAxis.Workers) || values.Any(v => v <= 0)))
        {
            var example = axis == HeterogeneityAxis.Base ? "1.0,1.1,1.2,1.3,1.4,1.5" : "3,6,9";
            var option = axis == HeterogeneityAxis.Base ? "--bases" : "--workers";
            error.WriteLine($"sasg: {option} '{valueText}' is not a comma-separated list of "
                + $"{(axis == HeterogeneityAxis.Base ? "numbers > 0" : "whole numbers >= 1")}; write for example {example}");
            return ExitCodes.BadInput;
        }

        var loaded = path is null ? EmbeddedScenario.Load() : ScenarioLoader.Load(path);
        var seedList = seedValues.Select(s => (long)s).ToList();
        var directory = output is null
            ? ResultsPathRules.ScenarioFolder(loaded, "-heterogeneity", allowOutside: false, "or give --output")
            : Path.GetFullPath(output);
        console.MarkupLine($"[bold]{Markup.Escape(loaded.Name)}[/]: GD, LAG-WK, LAG-PS to the stop target");
        console.WriteLine($"seeds {string.Join(',', seedList)}"
            + (axis == HeterogeneityAxis.None ? string.Empty : $"; {HeterogeneityCsv.AxisName(axis)} {valueText}"));
        if (withinTheorem)
        {
            console.WriteLine(Text($"--within-theorem: LAG-WK and LAG-PS xi_d = {LagTheorem.WithinXiSum}/D (sum {LagTheorem.WithinXiSum});"));
            console.WriteLine(Text($"  GD, LAG-WK and LAG-PS step alpha = (1 - {LagTheorem.WithinXiSum})/L"));
        }

        var points = HeterogeneitySweep.Run(loaded, axis, values, seedList, locator, (value, seed) => console.WriteLine(
            axis == HeterogeneityAxis.None
                ? $"  running seed {seed}"
                : string.Create(CultureInfo.InvariantCulture, $"  running {HeterogeneityCsv.AxisName(axis)} {value:G4}, seed {seed}")),
            withinTheorem);

        if (axis == HeterogeneityAxis.None)
        {
            WriteReport(console, points[0].Outcome);
        }
        else
        {
            WriteSweep(console, axis, points);
        }

        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "heterogeneity.csv");
        AtomicFile.WriteAllText(csv, HeterogeneityCsv.Write(axis, points));
        console.WriteLine($"wrote {Display(csv)}");
        if (axis != HeterogeneityAxis.None)
        {
            var png = HeterogeneityPlot.Write(directory, loaded.Name, axis, points);
            console.WriteLine($"wrote {Display(png)}");
            console.WriteLine($"wrote {Display(Path.ChangeExtension(png, ".svg"))}");
        }

        return ExitCodes.Ok;
    }

    private static bool TryParseList(string text, out List<double> values, bool whole)
    {
        values = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value)
                || (whole && (value != Math.Floor(value) || Math.Abs(value) > int.MaxValue)))
            {
                return false;
            }

            values.Add(value);
        }

        return values.Count > 0;
    }
    private static void WriteReport(IAnsiConsole console, HeterogeneityOutcome outcome)
    {
        var prediction = outcome.Prediction;
        var wk = prediction.LagWk;
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{outcome.Model}, M = {wk.Workers} workers, target {outcome.Target}, up to {outcome.Iterations} iterations"));
        var workers = new Table()
            .AddColumn(new TableColumn("worker").RightAligned())
            .AddColumn(new TableColumn("L_m").RightAligned())
            .AddColumn(new TableColumn("H(m) = L_m / L").RightAligned())
            .AddColumn(new TableColumn("M H(m)").RightAligned());
        for (var m = 0; m < wk.Workers; m++)
        {
            workers.AddRow(
                m.ToString(CultureInfo.InvariantCulture), Fixed(wk.WorkerSmoothness[m], 4), Fixed(wk.Importance[m], 5), Fixed(wk.ScaledImportance[m], 3));
        }

        console.Write(workers);
        foreach (var line in PredictionLines(prediction))
        {
            console.WriteLine(line);
        }

        var seeds = new Table()
            .AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("C GD").RightAligned())
            .AddColumn(new TableColumn("C LAG-WK").RightAligned())
            .AddColumn(new TableColumn("WK / GD").RightAligned())
            .AddColumn("verdict")
            .AddColumn(new TableColumn("C LAG-PS").RightAligned())
            .AddColumn(new TableColumn("PS / GD").RightAligned())
            .AddColumn("verdict");
        foreach (var row in outcome.Seeds)
        {
            seeds.AddRow(
                row.Seed.ToString(CultureInfo.InvariantCulture),
                Count(row.Gd.Uploads),
                Count(row.LagWk.Uploads),
                Fixed(row.LagWkRatio, 4),
                BoundVerdicts.Text(row.LagWkVerdict),
                Count(row.LagPs.Uploads),
                Fixed(row.LagPsRatio, 4),
                BoundVerdicts.Text(row.LagPsVerdict));
        }

        console.Write(seeds);
        WriteSummaries(console, outcome.Seeds);
    }

    private static void WriteSweep(IAnsiConsole console, HeterogeneityAxis axis, IReadOnlyList<HeterogeneitySweepPoint> points)
    {
        var table = new Table()
            .AddColumn(new TableColumn(axis == HeterogeneityAxis.Base ? "base" : "M").RightAligned())
            .AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("DeltaC").RightAligned())
            .AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("WK / GD").RightAligned())
            .AddColumn("verdict")
            .AddColumn(new TableColumn("PS / GD").RightAligned())
            .AddColumn("verdict");
        foreach (var point in points)
        {
            foreach (var row in point.Outcome.Seeds)
            {
                table.AddRow(
                    point.Value.ToString("G4", CultureInfo.InvariantCulture),
                    row.Seed.ToString(CultureInfo.InvariantCulture),
                    Fixed(row.Prediction.Saving, 4),
                    Fixed(row.Prediction.Bound, 4),
                    Fixed(row.LagWkRatio, 4),
                    BoundVerdicts.Text(row.LagWkVerdict),
                    Fixed(row.LagPsRatio, 4),
                    BoundVerdicts.Text(row.LagPsVerdict));
            }
        }

        console.Write(table);
        var rows = points.SelectMany(p => p.Outcome.Seeds).ToList();
        console.WriteLine("DeltaC: paper form, LAG-WK's xi; bound = 1 - DeltaC (docs/heterogeneity.md)");
        WriteSummaries(console, rows);
    }

    // Lines stay within 80 columns: redirected output is wrapped there.
    private static IEnumerable<string> PredictionLines(HeterogeneityPrediction prediction)
    {
        var wk = prediction.LagWk;
        var first = wk.Workers * Math.Sqrt(wk.Thresholds[0]);
        yield return Text($"L = {wk.TotalSmoothness:0.####}, alpha = {wk.StepSize:0.######e0}, alpha L = {wk.StepSize * wk.TotalSmoothness:0.####}");
        yield return Text($"LAG-WK: D = {wk.Window}, xi_d = {Xi(wk)}; worker m counts at d if");
        yield return "M H(m) <= sqrt(xi_d / d) / (alpha L), for d = 1..D:";
        yield return "  " + string.Join(' ', wk.Thresholds.Select(g => Fixed(wk.Workers * Math.Sqrt(g), 3)));
        yield return "h(gamma_d): " + string.Join(' ', wk.PaperScores.Select(h => Fixed(h, 3)));
        yield return Text($"predicted DeltaC (paper form, LAG-WK xi) = {wk.PaperSaving:0.####}");
        yield return Text($"bound: C_LAG <= {wk.Bound:0.####} x C_GD");
        if (wk.PaperSaving == 0)
        {
            yield return Text($"  DeltaC = 0: no worker has M H(m) <= {first:0.###}, so no saving is promised;");
            yield return "  the bound is just C_LAG <= C_GD.";
        }

        foreach (var line in ConditionLines("LAG-WK", wk, prediction.LagWkCheck))
        {
            yield return line;
        }

        var ps = prediction.LagPs;
        yield return Text($"LAG-PS: D = {ps.Window}, xi_d = {Xi(ps)}: DeltaC = {ps.PaperSaving:0.####}, bound {ps.Bound:0.####}");
        foreach (var line in ConditionLines("LAG-PS", ps, prediction.LagPsCheck))
        {
            yield return line;
        }

        var script = prediction.Script;
        yield return Text($"reference (not a bound): at the authors' script thresholds, xi_d = {Xi(script)}:");
        yield return Text($"  comm_save (code form) = {script.CodeSaving:0.####}, paper form = {script.PaperSaving:0.####}");
    }

    private static IEnumerable<string> ConditionLines(string method, HeterogeneityScore score, TheoremCheck check)
    {
        var sum = score.Xi.Sum();
        var alphaL = score.StepSize * score.TotalSmoothness;
        if (check.IsInside)
        {
            yield return Text($"  {method} inside the theorem: sum xi = {sum:0.####} < 1, alpha L = {alphaL:0.####} <= {1 - sum:0.####}");
            yield break;
        }

        yield return $"  {method} OUTSIDE the theorem, no bound applies:";
        yield return $"    {check.Failure}; would satisfy:";
        yield return $"    {check.Fix}";
    }

    private static void WriteSummaries(IAnsiConsole console, IReadOnlyList<HeterogeneitySeedResult> rows)
    {
        console.WriteLine(Summary("LAG-WK", rows, s => s.LagWkRatio, s => s.LagWkVerdict, s => s.Prediction.LagWkCheck));
        console.WriteLine(Summary("LAG-PS", rows, s => s.LagPsRatio, s => s.LagPsVerdict, s => s.Prediction.LagPsCheck));
    }

    private static string Summary(
        string method,
        IReadOnlyList<HeterogeneitySeedResult> rows,
        Func<HeterogeneitySeedResult, double> ratio,
        Func<HeterogeneitySeedResult, BoundVerdict> verdict,
        Func<HeterogeneitySeedResult, TheoremCheck> check)
    {
        var counts = rows.GroupBy(verdict).OrderBy(g => g.Key).Select(g => $"{BoundVerdicts.Text(g.Key)} {g.Count()}");
        var measured = rows.Select(ratio).Where(double.IsFinite).ToList();
        var verdicts = rows.Select(verdict).ToList();
        var plain =
            verdicts.Contains(BoundVerdict.Violated) ? "the bound is VIOLATED inside the theorem's conditions"
            : verdicts.TrueForAll(v => v == BoundVerdict.Outside) ? "outside the theorem: no bound applies, no verdict"
            : verdicts.Contains(BoundVerdict.NotReached) ? "a run missed the target (raise iterations)"
            : verdicts.TrueForAll(v => v == BoundVerdict.Holds) ? "the bound holds"
            : "the bound holds on every row inside the theorem";
        var range = measured.Count == 0 ? "no ratio" : Text($"C_LAG / C_GD {measured.Min():0.####}..{measured.Max():0.####}");
        var outside = rows.Select(check).FirstOrDefault(c => !c.IsInside);
        var why = outside is null ? string.Empty : $"\n  first outside row: {outside.Failure};\n  would satisfy: {outside.Fix}";
        return $"{method}: {plain}\n  {string.Join(", ", counts)} of {rows.Count} rows; {range}{why}";
    }

    // A path below the working folder is shown relative to it, so that the line fits in 80 columns.
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Xi(HeterogeneityScore score) =>
        score.Xi.Distinct().Count() == 1
            ? score.Xi[0].ToString("0.####", CultureInfo.InvariantCulture)
            : string.Join(' ', score.Xi.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)));

    private static string Fixed(double value, int digits) =>
        double.IsNaN(value) ? "-" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
