using Sasg.Learning.Algorithms;
using Sasg.Learning.Tests.Encoding;
using Sasg.Learning.Training;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>The server's update in one pass: theta -= scale * sum and the squared change summed in coordinate order
/// have the bits of the plain scalar loops, for float and double and any length; methods that read no history record
/// none.</summary>
public sealed class ServerUpdateTests
{
    private const double Alpha = 0.05;

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1_003)]
    [TestCase(40_961)]
    public void Update_Float_HasTheScalarLoopsBits(int dimension)
    {
        var (initial, message) = Vectors(dimension, x => (float)x);
        var algorithm = new Recording<float>(initial);
        algorithm.Receive(0, EncodingAssert.Dense(message));
        algorithm.Update();

        var (theta, change) = ScalarUpdate(initial, message, (float)Alpha);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Bits(algorithm.Theta), Is.EqualTo(Bits(theta)));
            Assert.That(BitConverter.DoubleToInt64Bits(algorithm.History[1]), Is.EqualTo(BitConverter.DoubleToInt64Bits(change)));
        }
    }

    [TestCase(3)]
    [TestCase(1_003)]
    public void Update_Double_HasTheScalarLoopsBits(int dimension)
    {
        var (initial, message) = Vectors(dimension, x => x);
        var algorithm = new Recording<double>(initial);
        algorithm.Receive(0, EncodingAssert.Dense(message));
        algorithm.Update();

        var (theta, change) = ScalarUpdate(initial, message, Alpha);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(algorithm.Theta, Is.EqualTo(theta));
            Assert.That(BitConverter.DoubleToInt64Bits(algorithm.History[1]), Is.EqualTo(BitConverter.DoubleToInt64Bits(change)));
        }
    }

    [Test]
    public void TheChangeInTheseTests_DependsOnTheOrderOfTheSum()
    {
        // Guards the tests above: on these vectors a sum in any other order (here, back to front) has other bits, so a
        // pass that summed lanes in parallel would fail them.
        var (_, message) = Vectors(40_961, x => (float)x);
        double forward = 0, backward = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var d = (double)((float)Alpha * message[i]);
            forward += d * d;
        }

        for (var i = message.Length - 1; i >= 0; i--)
        {
            var d = (double)((float)Alpha * message[i]);
            backward += d * d;
        }

        Assert.That(backward, Is.Not.EqualTo(forward));
    }

    [Test]
    public void Update_OfMethodsThatReadNoHistory_RecordsNone_AndMovesThetaAlike()
    {
        var (initial, message) = Vectors(1_003, x => (float)x);
        var sgd = new GradientDescentAlgorithm<float>("SGD", 1, initial, Alpha);
        var topK = new TopKAlgorithm<float>(1, initial, Alpha, [new ParameterBlock("all", 0, initial.Length)], 0.01);
        var recording = new Recording<float>(initial);
        foreach (var algorithm in new DistributedAlgorithm<float>[] { sgd, recording })
        {
            algorithm.Receive(0, EncodingAssert.Dense(message));
            algorithm.Update();
        }

        topK.Update();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sgd.History.Count, Is.Zero);
            Assert.That(topK.History.Count, Is.Zero);
            Assert.That(recording.History.Count, Is.EqualTo(1));
            Assert.That(Bits(sgd.Theta), Is.EqualTo(Bits(recording.Theta)));
        }
    }

    private static (T[] Initial, T[] Message) Vectors<T>(int dimension, Func<double, T> of)
    {
        // Magnitudes over many orders, so that rounding in the sum depends on its order.
        var random = new Random(dimension);
        T Draw() => of((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6)));
        return (Enumerable.Range(0, dimension).Select(_ => Draw()).ToArray(), Enumerable.Range(0, dimension).Select(_ => Draw()).ToArray());
    }

    private static (T[] Theta, double Change) ScalarUpdate<T>(T[] initial, T[] message, T scale)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var theta = (T[])initial.Clone();
        double change = 0;
        for (var i = 0; i < theta.Length; i++)
        {
            var delta = scale * message[i];
            theta[i] -= delta;
            var d = double.CreateTruncating(delta);
            change += d * d;
        }

        return (theta, change);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    // The base update as every lazy method runs it (history recorded), with no rule of its own.
    private sealed class Recording<T>(T[] initial) : DistributedAlgorithm<T>(1, initial, Alpha, 1)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        public override string Name => "recording";

        public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Sasg.Learning.Encoding.Payload<T> upload) =>
            WorkerDecision.Skip;
    }
}
