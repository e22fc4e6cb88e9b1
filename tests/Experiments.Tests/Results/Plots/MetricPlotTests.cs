using System.Globalization;
using System.Text;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results.Plots;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results.Plots;

[NonParallelizable]
public sealed class MetricPlotTests
{
    private static Metric Accuracy => Metric.All.Single(m => m.FileName == "accuracy");

    private static MetricAxis Axis(string name) => MetricAxis.All.Single(a => a.FileName == name);

    [Test]
    public void LogScales_BitsOfMethodsDecadesApart_IsLogOnXOnly()
    {
        var methods = MethodMetrics.Group(Rows());

        Assert.That(MetricPlot.LogScales(methods, Accuracy, Axis("bits")), Is.EqualTo((true, false)));
    }

    [Test]
    public void LogScales_AgainstIterations_StaysLinear()
    {
        var methods = MethodMetrics.Group(Rows());

        Assert.That(MetricPlot.LogScales(methods, Accuracy, Axis("iterations")), Is.EqualTo((false, false)));
    }

    [Test]
    public void LogScales_BitsWithinTwoDecades_IsLinear()
    {
        // Zero at iteration 0, then 1e6..9e7 bits: under two decades once the zero is set aside.
        var methods = MethodMetrics.Group(Rows().Where(r => r.Algorithm == "SGD"));

        Assert.That(MetricPlot.LogScales(methods, Accuracy, Axis("bits")), Is.EqualTo((false, false)));
    }

    [Test]
    public void WriteAll_MethodsDecadesApartInBits_DrawsAccuracyAgainstBitsOnALabelledLogAxis()
    {
        using var folder = new TemporaryDirectory();
        var csv = new StringBuilder(MetricsCsv.Header).Append('\n');
        foreach (var r in Rows())
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Algorithm},{r.Iteration},{r.Uploads},{r.UploadBytes},{r.PaperBits},")
                .Append(CultureInfo.InvariantCulture, $"{r.SimulatedSeconds:R},{r.TrainLoss:R},{r.TestLoss:R},{r.TestAccuracy:R},NaN,")
                .Append(CultureInfo.InvariantCulture, $"{r.Uploads},0,0,0,0\n");
        }

        File.WriteAllText(Path.Combine(folder.Path, "metrics.csv"), csv.ToString());

        var report = PlotWriter.WriteAll(folder.Path);

        var methods = MethodMetrics.Group(MetricsCsv.Read(Path.Combine(folder.Path, "metrics.csv")));
        var texts = File.ReadAllLines(Path.Combine(report.Directory, "accuracy-vs-bits.svg")).Select(l => l.Trim()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Written, Does.Contain(Path.Combine(report.Directory, "accuracy-vs-bits.png")));
            Assert.That(File.ReadAllBytes(Path.Combine(report.Directory, "accuracy-vs-bits.png")), Has.Length.GreaterThan(10_000));
            Assert.That(MetricPlot.LogScales(methods, Accuracy, Axis("bits")).X, Is.True, "the plotted folder's x axis is log");
            Assert.That(texts, Has.Member("bits uploaded, as the papers count them (Mbit), log scale"));
            Assert.That(texts, Has.Member("0.1").And.Member("1").And.Member("10").And.Member("100"), "ticks labelled with values");
            Assert.That(texts, Has.No.Member("-1").And.No.Member("2"), "never the raw log10 value");
        }
    }

    // Three methods as the issue met them: SGD uploads every gradient (about 1e6 bits an iteration), LAG and SASG
    // skip most of them, so their bits stay 30 to 100 times lower; every method starts at 0 bits.
    private static IEnumerable<MetricsRow> Rows()
    {
        foreach (var (method, bitsPerIteration) in new[] { ("SGD", 1e6), ("LAG", 3e4), ("SASG", 1e4) })
        {
            for (var k = 0; k <= 90; k += 10)
            {
                var bits = (long)(k * bitsPerIteration);
                var accuracy = 0.1 + (0.75 * (1 - Math.Exp(-k / 25.0)));
                yield return new MetricsRow(
                    method, k, bits / 1000, bits / 8, bits, k * 1e-3, 2.3 - (2 * accuracy), 2.4 - (2 * accuracy), accuracy, double.NaN, bits / 1000);
            }
        }
    }
}
