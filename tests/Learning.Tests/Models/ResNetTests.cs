using System.Runtime.InteropServices;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Data;
using Sasg.Learning.Encoding;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

[NonParallelizable]
public sealed class ResNetTests
{
    [Test]
    public void ResNet18_For10Classes_Has11173962ParametersInTheAuthorsTensors()
    {
        using var model = new FlatModel<float>(new ResNet18(classes: 10));
        var names = model.Blocks.Select(b => b.Name).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Length, Is.EqualTo(11_173_962));
            Assert.That(model.Blocks, Has.Count.EqualTo(62));
            Assert.That(names.Take(9), Is.EqualTo(new[]
            {
                "conv1.weight", "bn1.weight", "bn1.bias",
                "layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.bias",
                "layer1.0.conv2.weight", "layer1.0.bn2.weight", "layer1.0.bn2.bias",
            }));
            Assert.That(names.Where(n => n.Contains("shortcut", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "layer2.0.shortcut.0.weight", "layer2.0.shortcut.1.weight", "layer2.0.shortcut.1.bias",
                "layer3.0.shortcut.0.weight", "layer3.0.shortcut.1.weight", "layer3.0.shortcut.1.bias",
                "layer4.0.shortcut.0.weight", "layer4.0.shortcut.1.weight", "layer4.0.shortcut.1.bias",
            }));
            Assert.That(names.TakeLast(2), Is.EqualTo(new[] { "linear.weight", "linear.bias" }));
            Assert.That(model.Blocks[^2].Length, Is.EqualTo(512 * 10));
        }
    }

    [Test]
    public void ResNet18_For100Classes_HasTheWiderLinearLayer()
    {
        using var model = new FlatModel<float>(new ResNet18(classes: 100));

        Assert.That(model.Length, Is.EqualTo(11_173_962 - ((512 + 1) * 10) + ((512 + 1) * 100)));
    }

    [TestCase(10)]
    [TestCase(100)]
    public void ResNet20_ParameterCount_IsTheHandCountWithParameterFreeShortcuts(int classes)
    {
        using var model = new FlatModel<float>(new ResNet20(classes));

        // conv 3x3 weights in -> out, and BN's weight and bias per channel; three stages of three blocks of two convs.
        static long Conv(long inChannels, long outChannels) => inChannels * outChannels * 9;
        long Block(long inChannels, long outChannels) => Conv(inChannels, outChannels) + Conv(outChannels, outChannels) + (4 * outChannels);
        var expected = Conv(3, 16) + (2 * 16)
            + (3 * Block(16, 16))
            + Block(16, 32) + (2 * Block(32, 32))
            + Block(32, 64) + (2 * Block(64, 64))
            + (64 * classes) + classes;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Length, Is.EqualTo(expected));
            Assert.That(model.Blocks, Has.Count.EqualTo(1 + 2 + (9 * 6) + 2));
            Assert.That(model.Blocks.Select(b => b.Name), Has.None.Contains("shortcut"));
            Assert.That(model.Blocks.Select(b => b.Name), Does.Contain("layer3.2.bn2.bias"));
        }

        if (classes == 10)
        {
            Assert.That(model.Length, Is.EqualTo(269_722));
        }
    }

    [Test]
    public void Forward_On3ChannelImages_GivesOneLogitPerClass_AndFlatRowsAreReadAsImages()
    {
        using var scope = NewDisposeScope();
        using var resnet20 = new ResNet20(classes: 10);
        using var resnet18 = new ResNet18(classes: 100);
        resnet20.eval();
        var images = RandomImages(2, seed: 1);

        var output = resnet20.call(images);
        var flat = resnet20.call(images.reshape(2, 3 * 32 * 32));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.shape, Is.EqualTo(new long[] { 2, 10 }));
            Assert.That(Floats(flat), Is.EqualTo(Floats(output)));
            Assert.That(resnet18.call(images).shape, Is.EqualTo(new long[] { 2, 100 }));
        }
    }

    [Test]
    public void Forward_OnOneChannelImages_SaysItNeedsThreeChannels()
    {
        using var scope = NewDisposeScope();
        using var model = new ResNet20();

        Assert.That(
            () => model.call(zeros(2, 1, 32, 32)),
            Throws.ArgumentException.With.Message.Contains("3-channel"));
    }

    [Test]
    public void FlatGradient_IsAutogradOnTheSameModule_AndMovesTheSameStatistics()
    {
        using var scope = NewDisposeScope();
        var (reference, flat) = TwoIdenticalResNet20s(seed: 3);
        using var model = flat;
        using var module = reference;
        var batch = RandomBatch(4, seed: 5);

        var loss = model.ComputeGradient(batch);
        var expectedLoss = module.Loss(module.call(batch.Features), batch.Targets);
        expectedLoss.backward();
        var expected = module.parameters().SelectMany(p => Floats(p.grad!)).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Gradient.ToArray(), Is.EqualTo(expected));
            Assert.That(loss, Is.EqualTo(expectedLoss.item<float>()));
            Assert.That(BufferBytes(model.Model), Is.EqualTo(BufferBytes(module)));
            Assert.That(expected.Count(g => g != 0), Is.GreaterThan(expected.Length / 2));
        }
    }

    [Test]
    public void BatchNorm_MatchesTorchSharpsOwnLayer_InBothModes()
    {
        using var scope = NewDisposeScope();
        using var ours = nn.BatchNorm2d(4);
        using var theirs = nn.BatchNorm2d(4);
        var input = RandomImages(3, seed: 2).narrow(1, 0, 2).reshape(3, 4, 32, 16);

        var trainOurs = ResNetBatchNorm.Forward(ours, input);
        var trainTheirs = theirs.call(input);
        ours.eval();
        theirs.eval();
        var evalOurs = ResNetBatchNorm.Forward(ours, input);
        var evalTheirs = theirs.call(input);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Floats(trainOurs), Is.EqualTo(Floats(trainTheirs)));
            Assert.That(Floats(evalOurs), Is.EqualTo(Floats(evalTheirs)));
            Assert.That(BufferBytes(ours), Is.EqualTo(BufferBytes(theirs)));
            Assert.That(ours.num_batches_tracked!.item<long>(), Is.EqualTo(1));
            Assert.That(Floats(ours.running_mean!), Has.Some.Not.EqualTo(0f));
        }
    }

    [Test]
    public void Gradient_AtTheServersIterate_MovesTheStatistics_AtAStalePoint_LeavesThemBitForBit()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var model = new FlatModel<float>(new ResNet20());
        var state = new ModelState<float>(model);
        using var data = new TensorData(RandomDataset(8, seed: 6), ScalarType.Float32, TargetKind.ClassLabels);
        using var sampler = new MinibatchSampler(data, 4, 7);
        using var source = new ModelGradientSource<float>(state, data, sampler);
        var point = model.Parameters.ToArray();
        source.NextBatch();
        var before = BufferBytes(model.Model);

        var stale = source.Gradient(point, -1).ToArray();
        var afterStale = BufferBytes(model.Model);
        var current = source.Gradient(point, 0).ToArray();
        var afterCurrent = BufferBytes(model.Model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterStale, Is.EqualTo(before));
            Assert.That(afterCurrent, Is.Not.EqualTo(before));
            Assert.That(current, Is.EqualTo(stale), "training-mode batch norm's gradient does not read the running statistics");
            Assert.That(model.HasBuffers, Is.True);
        }
    }

    [Test]
    public void Evaluation_UsesTheRunningStatistics_LeavesThem_AndReturnsToTrainingMode()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var model = new FlatModel<float>(new ResNet20());
        using var data = new TensorData(RandomDataset(4, seed: 9), ScalarType.Float32, TargetKind.ClassLabels);
        model.ComputeGradient(data.All);
        var statistics = BufferBytes(model.Model);

        var together = Evaluation.Of(model.Model, data, lossIsMean: true, chunk: 4);
        var oneByOne = Evaluation.Of(model.Model, data, lossIsMean: true, chunk: 1);
        var loss = model.Loss(data.All);

        using (Assert.EnterMultipleScope())
        {
            // In training mode a sample's output depends on the others in its batch; in evaluation mode it does not.
            Assert.That(oneByOne.Loss, Is.EqualTo(together.Loss).Within(1e-5));
            Assert.That(oneByOne.Accuracy, Is.EqualTo(together.Accuracy));
            Assert.That(loss, Is.EqualTo(together.Loss).Within(1e-5));
            Assert.That(BufferBytes(model.Model), Is.EqualTo(statistics));
            Assert.That(model.Model.training, Is.True);
        }
    }

    [Test]
    public void TwoRuns_FromTheSameSeed_GiveTheSameBytes()
    {
        static (float[] Parameters, byte[] Buffers) Run()
        {
            using var scope = NewDisposeScope();
            manual_seed(11);
            using var model = new FlatModel<float>(new ResNet20());
            for (var step = 0; step < 3; step++)
            {
                var batch = RandomBatch(4, seed: 20 + step);
                model.ComputeGradient(batch);
                var parameters = model.Parameters;
                var gradient = model.Gradient;
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i] -= 0.1f * gradient[i];
                }
            }

            return (model.Parameters.ToArray(), BufferBytes(model.Model));
        }

        var first = Run();
        var second = Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(MemoryMarshal.AsBytes(second.Parameters.AsSpan()).ToArray(), Is.EqualTo(MemoryMarshal.AsBytes(first.Parameters.AsSpan()).ToArray()));
            Assert.That(second.Buffers, Is.EqualTo(first.Buffers));
        }
    }

    [Test]
    public void Sasg_OnResNet20_WithStalePointTests_GivesTheSameBytesTwice_AndMovesTheStatistics()
    {
        // Two workers, batch 2, warm-up 1: iterations 1 and 2 run the same-sample test at each worker's stale point.
        static (byte[] Theta, byte[] Buffers, byte[] Fresh) Run()
        {
            using var scope = NewDisposeScope();
            manual_seed(12);
            using var model = new FlatModel<float>(new ResNet20());
            var fresh = BufferBytes(model.Model);
            var state = new ModelState<float>(model);
            var data = Enumerable.Range(0, 2)
                .Select(m => new TensorData(RandomDataset(4, seed: 30 + m), ScalarType.Float32, TargetKind.ClassLabels))
                .ToList();
            var samplers = data.Select((d, m) => new MinibatchSampler(d, 2, 40 + m)).ToList();
            var sources = data.Select((d, m) => new ModelGradientSource<float>(state, d, samplers[m])).ToList();
            var algorithm = new SasgAlgorithm<float>(2, model.Parameters, 0.05, model.Blocks, maxDelay: 2, warmUp: 1);
            var trainer = new SynchronousTrainer<float>(algorithm, sources, new SparseCooEncoding());
            for (var k = 0; k < 3; k++)
            {
                trainer.StepWorker(0);
                trainer.StepWorker(1);
                trainer.FinishIteration();
            }

            var result = (MemoryMarshal.AsBytes(algorithm.Theta.AsSpan()).ToArray(), BufferBytes(model.Model), fresh);
            sources.ForEach(s => s.Dispose());
            samplers.ForEach(s => s.Dispose());
            data.ForEach(d => d.Dispose());
            return result;
        }

        var first = Run();
        var second = Run();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Theta, Is.EqualTo(first.Theta));
            Assert.That(second.Buffers, Is.EqualTo(first.Buffers));
            Assert.That(first.Buffers, Is.Not.EqualTo(first.Fresh));
        }
    }

    private static (ResNet20 Reference, FlatModel<float> Flat) TwoIdenticalResNet20s(int seed)
    {
        manual_seed(seed);
        var reference = new ResNet20();
        manual_seed(seed);
        var flat = new FlatModel<float>(new ResNet20());
        return (reference, flat);
    }

    private static Tensor RandomImages(int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return randn([count, 3, 32, 32], generator: generator);
    }

    private static Batch RandomBatch(int count, int seed)
    {
        using var generator = new Generator((ulong)seed + 1000);
        return new Batch(RandomImages(count, seed), randint(10, [count], generator: generator));
    }

    private static Dataset RandomDataset(int count, int seed)
    {
        var random = new Random(seed);
        var features = Enumerable.Range(0, count * 3 * 32 * 32).Select(_ => random.NextDouble() - 0.5).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % 10).ToArray();
        return new Dataset("random-images", count, [3, 32, 32], features, labels, 10, null);
    }

    private static float[] Floats(Tensor tensor) => tensor.contiguous().data<float>().ToArray();

    private static byte[] BufferBytes(nn.Module module) =>
        module.buffers().SelectMany(b => b.contiguous().bytes.ToArray()).ToArray();
}
