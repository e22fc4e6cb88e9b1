using System.Reflection;
using Sasg.Learning.Algorithms;
using Sasg.Learning.Encoding;
using Sasg.Learning.Tests.Encoding;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>The server's sum of messages is the same bits whether it grows as workers finish (in order), is taken at
/// the update (out of order, or messages handed over directly), and whatever the method keeps.</summary>
public sealed class ServerSumTests
{
    private const int Workers = 4;
    private const int Dimension = 53;

    [TestCase(true)]
    [TestCase(false)]
    public void StepWorker_InAnyOrder_GivesTheSameBitsAsReceiveThenUpdate(bool sgd)
    {
        var initial = Enumerable.Range(0, Dimension).Select(i => MathF.Cos(i)).ToArray();
        DistributedAlgorithm<float> Create() => sgd
            ? new GradientDescentAlgorithm<float>("SGD", Workers, initial, 0.05)
            : new LasgWk2Algorithm<float>(Workers, initial, 0.05);

        var inOrder = Run(Create(), [0, 1, 2, 3]);
        var reversed = Run(Create(), [3, 2, 1, 0]);
        var shuffled = Run(Create(), [1, 0, 3, 2]);
        var direct = RunDirect(Create());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Bits(reversed), Is.EqualTo(Bits(inOrder)));
            Assert.That(Bits(shuffled), Is.EqualTo(Bits(inOrder)));
            Assert.That(Bits(direct), Is.EqualTo(Bits(inOrder)));
        }
    }

    [Test]
    public void Receive_TwiceForOneWorkerAfterItIsSummed_Throws()
    {
        var algorithm = new GradientDescentAlgorithm<float>("SGD", 2, new float[3], 0.1);
        var message = EncodingAssert.Dense(new[] { 1f, 2f, 3f });
        algorithm.Receive(0, message);
        algorithm.WorkerDone(0);

        Assert.That(() => algorithm.Receive(0, message), Throws.InvalidOperationException.With.Message.Contains("already in the update"));
    }

    [Test]
    public void EveryMethodThatOverridesTheDecodedReceive_AlsoOverridesTheEncodedOne()
    {
        var decoded = typeof(DistributedAlgorithm<>).GetMethod(
            nameof(DistributedAlgorithm<float>.Receive), [typeof(int), typeof(Payload<>).MakeGenericType(typeof(DistributedAlgorithm<>).GetGenericArguments()[0])])!;
        var methods = typeof(DistributedAlgorithm<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(DistributedAlgorithm<>))
            .ToList();
        Assert.That(decoded, Is.Not.Null);
        foreach (var type in methods)
        {
            var receives = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == nameof(DistributedAlgorithm<float>.Receive) && m.DeclaringType == type)
                .Select(m => m.GetParameters().Length)
                .ToList();
            Assert.That(receives.Contains(2), Is.EqualTo(receives.Contains(3)), $"{type.Name} overrides one Receive but not the other");
        }
    }

    // Three iterations; in each, every worker uploads (SGD) or decides (LASG-WK2) on a seeded gradient, in the given
    // order; dense32 is the encoding.
    private static float[] Run(DistributedAlgorithm<float> algorithm, int[] order)
    {
        var sources = Enumerable.Range(0, Workers).Select(m => new ScriptedGradientSource<float>(Dimension, seed: 10 + m)).ToArray();
        var trainer = new SynchronousTrainer<float>(algorithm, sources, new DenseFloat32Encoding());
        for (var k = 0; k < 3; k++)
        {
            foreach (var m in order)
            {
                trainer.StepWorker(m);
            }

            trainer.FinishIteration();
        }

        return algorithm.Theta.ToArray();
    }

    // The same through the decoded-payload path, without WorkerDone: the update takes the whole sum.
    private static float[] RunDirect(DistributedAlgorithm<float> algorithm)
    {
        var sources = Enumerable.Range(0, Workers).Select(m => new ScriptedGradientSource<float>(Dimension, seed: 10 + m)).ToArray();
        var upload = new Payload<float>(Dimension);
        for (var k = 0; k < 3; k++)
        {
            for (var m = 0; m < Workers; m++)
            {
                sources[m].NextBatch();
                if (algorithm.WorkerStep(m, sources[m], upload) == WorkerDecision.Upload)
                {
                    algorithm.Receive(m, upload);
                }
            }

            algorithm.Update();
        }

        return algorithm.Theta.ToArray();
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
