using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class IdxReaderTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Read_RawOrGzip_ScalesPixelsToUnitInterval_AndKeepsLabels(bool gzip)
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "i", IdxFiles.Images(3, 2, 2, i => (byte)(i * 20)), gzip);
        var labels = IdxFiles.Write(folder.Path, "l", IdxFiles.Labels([2, 0, 9]), gzip);

        var dataset = IdxReader.Read(images, labels, "tiny");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Count, Is.EqualTo(3));
            Assert.That(dataset.SampleShape, Is.EqualTo(new[] { 4 }));
            Assert.That(dataset.Labels, Is.EqualTo(new[] { 2, 0, 9 }));
            Assert.That(dataset.ClassCount, Is.EqualTo(10));
            Assert.That(dataset.Row(1).ToArray(), Is.EqualTo(new[] { 80 / 255.0, 100 / 255.0, 120 / 255.0, 140 / 255.0 }));
        }
    }

    [Test]
    public void Read_WithChannelsLayout_ShapesSamplesAsOneByRowsByColumns()
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "i", IdxFiles.Images(2, 3, 4, _ => 255));
        var labels = IdxFiles.Write(folder.Path, "l", IdxFiles.Labels([1, 1]));

        var dataset = IdxReader.Read(images, labels, "tiny", ImageLayout.ChannelsRowsColumns);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.SampleShape, Is.EqualTo(new[] { 1, 3, 4 }));
            Assert.That(dataset.Features, Has.All.EqualTo(1.0));
        }
    }

    [Test]
    public void ReadImages_WhenGivenALabelsFile_NamesTheFileAndBothMagicNumbers()
    {
        using var folder = new TemporaryDirectory();
        var labels = IdxFiles.Write(folder.Path, "labels.gz", IdxFiles.Labels([1, 2]), gzip: true);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(labels))!;

        Assert.That(
            error.Message,
            Is.EqualTo($"{labels}: expected IDX images magic number 0x00000803, found 0x00000801"));
    }

    [Test]
    public void ReadLabels_WhenGivenAnImagesFile_ThrowsNamingTheMagicNumbers()
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "images", IdxFiles.Images(1, 2, 2, _ => 0));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(images))!;

        Assert.That(error.Message, Does.StartWith(images + ":").And.Contain("0x00000801").And.Contain("0x00000803"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ReadImages_WhenTruncated_SaysHowManyBytesWereDeclaredAndFound(bool gzip)
    {
        using var folder = new TemporaryDirectory();
        var full = IdxFiles.Images(4, 5, 5, i => (byte)i);
        var images = IdxFiles.Write(folder.Path, "images", full[..(full.Length - 7)], gzip);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images))!;

        Assert.That(
            error.Message,
            Is.EqualTo($"{images}: truncated: the header declares 4 images of 5x5 (100 bytes), the file holds 93"));
    }

    [Test]
    public void ReadImages_WhenTheHeaderIsCut_ThrowsDataFormatException()
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "images", IdxFiles.Images(1, 2, 2, _ => 0)[..10]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images))!;

        Assert.That(error.Message, Does.Contain("truncated in the IDX header"));
    }

    [Test]
    public void ReadImages_WhenTheFileHoldsMoreThanDeclared_ThrowsDataFormatException()
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "images", [.. IdxFiles.Images(1, 2, 2, _ => 0), 7]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images))!;

        Assert.That(error.Message, Does.Contain("more data than its header declares"));
    }

    [Test]
    public void ReadImages_WhenAGzipFileIsCorrupt_ThrowsDataFormatExceptionNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var path = IdxFiles.Write(folder.Path, "images.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path))!;

        Assert.That(error.Message, Does.StartWith($"{path}: starts like gzip but does not decompress"));
    }

    [Test]
    public void ReadLabels_WhenALabelIsOutOfRange_NamesTheItemAndTheRange()
    {
        using var folder = new TemporaryDirectory();
        var labels = IdxFiles.Write(folder.Path, "labels", IdxFiles.Labels([0, 3, 12]));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(labels))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: label 12 of item 2 is outside 0..9"));
    }

    [Test]
    public void Read_WhenLabelAndImageCountsDiffer_NamesBothFiles()
    {
        using var folder = new TemporaryDirectory();
        var images = IdxFiles.Write(folder.Path, "images", IdxFiles.Images(3, 2, 2, _ => 0));
        var labels = IdxFiles.Write(folder.Path, "labels", IdxFiles.Labels([0, 1]));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read(images, labels, "tiny"))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: holds 2 labels but {images} holds 3 images"));
    }

    [Test]
    public void ReadImages_WhenTheFileIsMissing_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "nothing-here.gz");

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(missing))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.FileName, Is.EqualTo(missing));
            Assert.That(error.Message, Does.Contain(missing));
        }
    }
}
