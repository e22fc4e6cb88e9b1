using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

[NonParallelizable]
public sealed class DefaultEncodingTests
{
    private static readonly string[] Methods = ["Cyc-IAG", "LASG-PS", "Random-k", "Sign-SGD", "QSGD", "LAQ"];

    [TestCaseSource(nameof(Methods))]
    public void EveryUpload_HasTheBytesAndPaperBitsOfItsEncodingFormula(string method)
    {
        using var harness = new StochasticHarness();
        var algorithm = Create(method, harness);
        var encoding = algorithm.DefaultEncoding ?? (algorithm.UploadKind == PayloadKind.Sparse ? new SparseCooEncoding() : new DenseFloat32Encoding());
        var trainer = harness.Trainer(algorithm, encoding);
        var d = algorithm.Dimension;
        var k = harness.Blocks.Sum(b => Math.Max(1, (int)Math.Floor(0.1 * b.Length)));
        var (bytes, bits) = method switch
        {
            "Random-k" => (8 * k, 64L * k),
            "Sign-SGD" => (4 + ((d + 7) / 8), (long)d),
            "QSGD" or "LAQ" => (4 + ((4 * d) + 7) / 8, 4L * d),
            _ => (4 * d, 32L * d),
        };

        var uploads = Enumerable.Range(0, 12).SelectMany(_ => trainer.RunIteration()).Where(o => o.Decision == WorkerDecision.Upload).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(uploads, Is.Not.Empty);
            Assert.That(uploads.Select(o => o.UploadBytes), Has.All.EqualTo(bytes));
            Assert.That(uploads.Select(o => o.PaperBits), Has.All.EqualTo(bits));
        }
    }

    private static DistributedAlgorithm<float> Create(string method, StochasticHarness h) => method switch
    {
        "Cyc-IAG" => new IagAlgorithm<float>(IagOrder.Cyclic, 3, h.Initial, 0.02),
        "LASG-PS" => new LasgPsAlgorithm<float>(3, h.Initial, 0.05, [0.1, 0.1, 0.1]),
        "Random-k" => new RandomKAlgorithm<float>(3, h.Initial, 0.05, h.Blocks, fraction: 0.1, seed: 1),
        "Sign-SGD" => new SignSgdAlgorithm<float>(3, h.Initial, 0.05),
        "QSGD" => new QsgdAlgorithm<float>(3, h.Initial, 0.05, seed: 1),
        "LAQ" => new LaqAlgorithm<float>(3, h.Initial, 0.05),
        _ => throw new ArgumentException(method, nameof(method)),
    };
}
