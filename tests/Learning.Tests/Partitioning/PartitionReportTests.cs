using System.Globalization;
using Sasg.Learning.Partitioning;

namespace Sasg.Learning.Tests.Partitioning;

public sealed class PartitionReportTests
{
    [Test]
    public void ToCsv_WritesOneRowPerWorkerWithTheLabelHistogram()
    {
        var data = TinyData.Labelled("fashion-mnist/train", 6, 3, i => i / 2);
        var partition = new SortedByLabelPartitioner().Split(data, 2, seed: 0);

        var csv = PartitionReport.Of(partition).ToCsv();

        Assert.That(
            csv,
            Is.EqualTo(
                "worker,source,samples,label_0,label_1,label_2\n"
                    + "0,fashion-mnist/train,3,2,1,0\n"
                    + "1,fashion-mnist/train,3,0,1,2\n"));
    }

    [Test]
    public void WriteCsv_LeavesLabelCellsEmptyForARegressionSource_AndQuotesNamesWithCommas()
    {
        var labelled = TinyData.Balanced("a", 4, classCount: 2);
        var regression = TinyData.Regression("b,\"c\"", 2);
        var partition = new BySourcePartitioner().Split([labelled, regression], 2, seed: 0);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        PartitionReport.Of(partition).WriteCsv(writer);

        Assert.That(
            writer.ToString(),
            Is.EqualTo("worker,source,samples,label_0,label_1\n0,a,4,2,2\n1,\"b,\"\"c\"\"\",2,,\n"));
    }

    [Test]
    public void ToCsv_OfRegressionSourcesOnly_HasNoLabelColumns()
    {
        var partition = new IidPartitioner().Split(TinyData.Regression("r", 5), 2, seed: 0);

        var csv = PartitionReport.Of(partition).ToCsv();

        Assert.That(csv, Is.EqualTo("worker,source,samples\n0,r,3\n1,r,2\n"));
    }
}
