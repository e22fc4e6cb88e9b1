using System.Globalization;
using ScottPlot;

namespace Sasg.Experiments.Results.Plots;

/// <summary>staleness-histogram: per method, the share of applied messages at each staleness (from staleness.csv, which
/// only runs under a time-driven protocol write), as side-by-side bars.</summary>
internal static class StalenessPlot
{
    /// <summary>The plot's file stem.</summary>
    public const string Stem = "staleness-histogram";

    /// <summary>Each method's staleness values from staleness.csv, in file order of the methods.</summary>
    /// <exception cref="InvalidDataException">A line is not of the file's form; the message names the file and line.</exception>
    public static IReadOnlyList<(string Label, long[] Staleness)> Read(string path)
    {
        var methods = new List<(string Label, List<long> Values)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (number == 1)
            {
                continue;
            }

            var fields = CsvFields.Split(line);
            if (fields is not { Length: 7 } || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var staleness))
            {
                throw new InvalidDataException($"{path}: line {number.ToString(CultureInfo.InvariantCulture)}: expected algorithm,update,worker,staleness,message,queue_wait_seconds,simulated_seconds with a whole staleness");
            }

            if (methods.Count == 0 || methods[^1].Label != fields[0])
            {
                methods.Add((fields[0], []));
            }

            methods[^1].Values.Add(staleness);
        }

        return [.. methods.Select(m => (m.Label, m.Values.ToArray()))];
    }

    /// <summary>The histogram of <paramref name="methods"/>.</summary>
    public static Plot Create(string name, IReadOnlyList<(string Label, long[] Staleness)> methods)
    {
        var plot = PlotLook.Create($"{name}: staleness of applied messages", "staleness (server updates since the worker's model)", "share of applied messages");
        var max = methods.Max(m => m.Staleness.DefaultIfEmpty(0).Max());
        var width = 0.8 / methods.Count;
        foreach (var ((label, values), index) in methods.Select((m, i) => (m, i)))
        {
            var bars = Enumerable.Range(0, (int)max + 1)
                .Select(s => new Bar
                {
                    Position = s - 0.4 + (width * (index + 0.5)),
                    Value = values.Length == 0 ? 0 : values.Count(v => v == s) / (double)values.Length,
                    Size = width,
                })
                .ToList();
            var color = plot.Add.Palette.GetColor(index);
            foreach (var bar in bars)
            {
                bar.FillColor = color;
            }

            var series = plot.Add.Bars(bars);
            series.LegendText = label;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
