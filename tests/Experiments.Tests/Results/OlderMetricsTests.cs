using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Tests.Results;

public sealed class OlderMetricsTests
{
    [Test]
    public void MetricsCsv_WrittenBeforeTheControlColumns_ReadsCountedUploadsAsUploadsAndNoMessages()
    {
        const string Text = "algorithm,iteration,uploads,upload_bytes,paper_bits,simulated_seconds,train_loss,test_loss,test_accuracy,objective_error\n"
            + "GD,1,9,3600,14400,0.1,2,NaN,NaN,NaN\n";

        var row = MetricsCsv.Read(new StringReader(Text), "old/metrics.csv").Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.CountedUploads, Is.EqualTo(9));
            Assert.That(row.ControlMessages, Is.EqualTo(default(Sasg.Experiments.Driver.ControlMessages)));
            Assert.That(row.PaperBits, Is.EqualTo(14400));
        }
    }
}
