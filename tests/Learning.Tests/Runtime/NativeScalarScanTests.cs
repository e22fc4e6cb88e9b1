using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Runtime;

/// <summary>No file under src/ mixes a C# number and a tensor except through <c>TensorScalars</c>, which keeps the
/// TorchSharp <c>Scalar</c> alive across the native call (issue 15; docs/architecture.md, "Native memory discipline").</summary>
public sealed class NativeScalarScanTests
{
    private const string Helper = "src/Learning/Runtime/TensorScalars.cs";

    [Test]
    public void SourceCode_MixesNumbersAndTensorsOnlyThroughTensorScalars()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.InRoot("src"), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Select(file => (file, File.ReadAllText(RepositoryPaths.InRoot(file))))
            .ToList();

        // The helper is compiled with the rest (so that calls to it resolve) but is the one place allowed to convert.
        var offenders = ScalarUseScanner.Scan(sources).Where(o => !o.StartsWith(Helper + ":", StringComparison.Ordinal)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sources, Has.Count.GreaterThan(100), "the scan found too few source files");
            Assert.That(offenders, Is.Empty, $"use the TensorScalars method for each ({Helper})");
        }
    }

    [TestCase("var y = 0.5 * x;")]
    [TestCase("var y = x * 2;")]
    [TestCase("var y = x / 4L;")]
    [TestCase("var y = 1.0 - x;")]
    [TestCase("x += 1;")]
    [TestCase("var y = x.mul(2);")]
    [TestCase("x.mul_(1.0 / 3);")]
    [TestCase("x.add_(x, alpha: 0.1);")]
    [TestCase("var y = x.pow(2);")]
    [TestCase("var y = x.le(0);")]
    [TestCase("x.masked_fill_(x.gt(x), 0);")]
    [TestCase("var y = full(3, 1, -1.0, dtype: ScalarType.Float64);")]
    [TestCase("var y = nn.functional.softplus(x);")]
    [TestCase("var y = nn.functional.elu(x, 1.0);")]
    [TestCase("var v = x.sum().ToDouble();")]
    [TestCase("var v = x.sum().ToInt64();")]
    [TestCase("var y = x + x;")]
    [TestCase("var y = x.add(x);")]
    [TestCase("x.add_(x);")]
    [TestCase("var y = x.square();")]
    public void Scan_NumberMeetingATensor_IsReported(string statement)
    {
        Assert.That(ScalarUseScanner.Scan([("Sample.cs", Sample(statement))]), Has.Count.EqualTo(1));
    }

    [TestCase("var y = x * x;")]
    [TestCase("var y = x - x;")]
    [TestCase("var y = -x;")]
    [TestCase("var y = x.narrow(0, 1, 2);")]
    [TestCase("x.addmv_(x, x, beta: 0, alpha: 1);")]
    [TestCase("using var s = 0.5.ToScalar(); var y = x.mul(s);")]
    [TestCase("using var one = 1.ToScalar(); var y = x.add(x, one);")]
    [TestCase("var n = 2 * 3.0;")]
    public void Scan_TensorsAloneOrThroughAKeptScalar_IsNotReported(string statement)
    {
        Assert.That(ScalarUseScanner.Scan([("Sample.cs", Sample(statement))]), Is.Empty);
    }

    private static string Sample(string statement) => $$"""
        using TorchSharp;
        using static TorchSharp.torch;

        internal static class Sample
        {
            internal static void Run(Tensor x)
            {
                {{statement}}
            }
        }
        """;
}
