using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

[NonParallelizable]
public sealed class TopKTests
{
    // Label ranks by hand (classes above the label, plus lower-indexed classes tied with it):
    // [1, 3, 3, 0] label 2: class 1 ties and comes first, rank 1 (argmax says 1: wrong at top-1).
    // [1, 3, 3, 0] label 1: rank 0.
    // [5, 4, 3, 2] label 3: rank 3.
    // [0, 0, 0, 0] label 3: every class ties and comes first, rank 3.
    // [0, 0, 0, 0] label 0: rank 0.
    private static readonly float[] Scores = [1, 3, 3, 0, 1, 3, 3, 0, 5, 4, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly long[] Labels = [2, 1, 3, 3, 0];

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 3)]
    [TestCase(4, 5)]
    [TestCase(5, 5)]
    public void Correct_CountsLabelsRankedBelowK_WithTiesToTheLowerIndex(int k, long expected)
    {
        using var scope = NewDisposeScope();

        var correct = TopK.Correct(tensor(Scores).reshape(5, 4), tensor(Labels), k);

        Assert.That(correct, Is.EqualTo(expected));
    }

    [Test]
    public void Correct_AtK1_IsTheArgmaxCount_EvenWithManyTies()
    {
        using var scope = NewDisposeScope();
        var random = new Random(3);
        var scores = tensor(Enumerable.Range(0, 200 * 6).Select(_ => (float)random.Next(3)).ToArray()).reshape(200, 6);
        var labels = tensor(Enumerable.Range(0, 200).Select(_ => (long)random.Next(6)).ToArray());

        var correct = TopK.Correct(scores, labels, 1);

        Assert.That(correct, Is.EqualTo(scores.argmax(1).eq(labels).sum().item<long>()));
    }

    [Test]
    public void EvaluationOf_WithTopK_ReportsItBesideTop1_AndKIsCappedAtTheClassCount()
    {
        // Identity weights on 3 classes: logits are the features. Rows: label 0 with logits (1, 2, 0): rank 1;
        // label 2 with (0, 0, 5): rank 0; label 1 with (3, 2, 1): rank 1; label 2 with (3, 2, 1): rank 2.
        var dataset = new Dataset("three", 4, [3], [1, 2, 0, 0, 0, 5, 3, 2, 1, 3, 2, 1], [0, 2, 1, 2], 3, null);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.ClassLabels);
        using var model = new FlatModel<double>(new SoftmaxRegression(3, 3, dtype: ScalarType.Float64));
        double[] parameters = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];
        parameters.CopyTo(model.Parameters);

        var none = Evaluation.Of(model.Model, data, lossIsMean: true);
        var top2 = Evaluation.Of(model.Model, data, lossIsMean: true, chunk: 3, topK: 2);
        var top5 = Evaluation.Of(model.Model, data, lossIsMean: true, topK: 5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none.TopKAccuracy, Is.NaN);
            Assert.That(top2.Accuracy, Is.EqualTo(0.25));
            Assert.That(top2.TopKAccuracy, Is.EqualTo(0.75));
            Assert.That(top5.TopKAccuracy, Is.EqualTo(1.0), "top-5 of 3 classes is top-3: every label");
            Assert.That(top5.Loss, Is.EqualTo(none.Loss));
        }
    }
}
