using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class CsvTableReaderTests
{
    [Test]
    public void Read_ByDefault_TakesTheLastColumnAsLabel()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("table.csv", "0.5,1.5,2\n-1,3e2,0\n\n");

        var dataset = CsvTableReader.Read(path, LabelKind.Class);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Name, Is.EqualTo("table"));
            Assert.That(dataset.Features, Is.EqualTo(new[] { 0.5, 1.5, -1, 300 }));
            Assert.That(dataset.Labels, Is.EqualTo(new[] { 2, 0 }));
            Assert.That(dataset.ClassCount, Is.EqualTo(3));
        }
    }

    [Test]
    public void Read_WithAHeader_FindsTheLabelColumnByName()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.tsv", "price\tarea\trooms\n250.5\t80\t3\n99\t40\t1\n");
        var options = new CsvTableOptions { Delimiter = '\t', HasHeader = true, LabelColumnName = "price", Name = "flats" };

        var dataset = CsvTableReader.Read(path, LabelKind.Target, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Name, Is.EqualTo("flats"));
            Assert.That(dataset.Targets, Is.EqualTo(new[] { 250.5, 99 }));
            Assert.That(dataset.Features, Is.EqualTo(new[] { 80.0, 3, 40, 1 }));
        }
    }

    [Test]
    public void Read_WithALabelColumnIndex_TakesThatColumn()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", "1,7,8\n0,9,10\n");

        var dataset = CsvTableReader.Read(path, LabelKind.SignedBinary, new CsvTableOptions { LabelColumn = 0 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Targets, Is.EqualTo(new[] { 1.0, -1.0 }));
            Assert.That(dataset.Features, Is.EqualTo(new[] { 7.0, 8, 9, 10 }));
        }
    }

    [Test]
    public void Read_WhenARowIsRagged_NamesTheFileAndLine()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", "a,b,label\n1,2,0\n3,4\n");

        var error = Assert.Throws<DataFormatException>(
            () => CsvTableReader.Read(path, LabelKind.Class, new CsvTableOptions { HasHeader = true }))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: line 3: expected 3 values, found 2"));
    }

    [Test]
    public void Read_WhenAValueIsEmptyOrNaN_NamesTheLineAndColumn()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", "1,2,0\n3,,1\n");
        var nan = folder.WriteFile("n.csv", "1,nan,0\n");

        var empty = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, LabelKind.Class))!;
        var notFinite = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(nan, LabelKind.Class))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(empty.Message, Is.EqualTo($"{path}: line 2: value 2 '' is not a number"));
            Assert.That(notFinite.Message, Is.EqualTo($"{nan}: line 1: value 2 is nan (only finite numbers are accepted)"));
        }
    }

    [TestCase("1,2,10", "label 10 is not a class label in 0..9")]
    [TestCase("1,2,-1", "label -1 is not a class label in 0..9")]
    [TestCase("1,2,1.5", "label 1.5 is not a class label in 0..9")]
    public void Read_WhenAClassLabelIsOutOfRange_NamesTheLineAndRange(string row, string problem)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", $"1,2,3\n{row}\n");

        var error = Assert.Throws<DataFormatException>(
            () => CsvTableReader.Read(path, LabelKind.Class, new CsvTableOptions { ClassCount = 10 }))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: line 2: {problem}"));
    }

    [Test]
    public void Read_WhenTheNamedLabelColumnIsAbsent_SaysSo()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", "a,b\n1,2\n");

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(
            path, LabelKind.Class, new CsvTableOptions { HasHeader = true, LabelColumnName = "label" }))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: line 1: the header has no column 'label'"));
    }

    [Test]
    public void Read_WhenTheLabelColumnIndexDoesNotExist_NamesTheOptions()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("t.csv", "1,2\n");

        Assert.That(
            () => CsvTableReader.Read(path, LabelKind.Class, new CsvTableOptions { LabelColumn = 5 }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("options"));
    }

    [Test]
    public void Read_WhenTheFileIsMissing_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "none.csv");

        Assert.That(
            () => CsvTableReader.Read(missing, LabelKind.Class),
            Throws.TypeOf<FileNotFoundException>().With.Property("FileName").EqualTo(missing));
    }
}
