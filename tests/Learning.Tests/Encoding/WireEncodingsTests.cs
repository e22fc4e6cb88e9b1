using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class WireEncodingsTests
{
    [TestCase("dense32", typeof(DenseFloat32Encoding))]
    [TestCase("DENSE64", typeof(DenseFloat64Encoding))]
    [TestCase("Coo", typeof(SparseCooEncoding))]
    [TestCase("coo-varint", typeof(SparseDeltaVarintEncoding))]
    [TestCase("bitmap", typeof(BitmapEncoding))]
    [TestCase("QSGD", typeof(QsgdEncoding))]
    [TestCase("sign", typeof(SignEncoding))]
    [TestCase("laq", typeof(LaqEncoding))]
    public void ByName_IgnoresCase(string name, Type expected)
    {
        Assert.That(WireEncodings.ByName(name), Is.InstanceOf(expected));
    }

    [Test]
    public void ByName_OfUnknownName_ThrowsListingKnownNames()
    {
        Assert.That(() => WireEncodings.ByName("gzip"),
            Throws.ArgumentException.With.Message.Contains("gzip").And.Message.Contains("dense32, dense64, coo"));
    }

    [Test]
    public void All_HasDistinctNamesMatchingByName()
    {
        var names = WireEncodings.All.Select(e => e.Name).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.Unique);
            Assert.That(names.Select(WireEncodings.ByName), Is.EqualTo(WireEncodings.All));
        }
    }
}
