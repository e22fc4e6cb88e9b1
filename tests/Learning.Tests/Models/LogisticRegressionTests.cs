using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Models;

[NonParallelizable]
public sealed class LogisticRegressionTests
{
    private const int Samples = 7;
    private const int Features = 3;
    private const double Lambda = 0.1;

    [Test]
    public void ComputeGradient_MatchesTheClosedFormLossAndGradient()
    {
        var random = new Random(42);
        var x = Enumerable.Range(0, Samples * Features).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        var y = Enumerable.Range(0, Samples).Select(i => i % 3 == 0 ? -1.0 : 1.0).ToArray();
        double[] theta = [0.7, -0.3, 1.2];
        var dataset = new Dataset("logistic", Samples, [Features], x, null, 0, y);
        using var data = new TensorData(dataset, ScalarType.Float64, TargetKind.RealTargets);
        using var model = new FlatModel<double>(new LogisticRegression(Features, Lambda));
        theta.CopyTo(model.Parameters);

        var loss = model.ComputeGradient(data.All);

        // loss = sum_i log(1 + exp(-y_i x_i'theta)) + lambda/2 ||theta||^2;
        // gradient = sum_i -y_i x_i sigmoid(-y_i x_i'theta) + lambda theta.
        var expectedLoss = 0.5 * Lambda * theta.Sum(t => t * t);
        var expectedGradient = theta.Select(t => Lambda * t).ToArray();
        for (var i = 0; i < Samples; i++)
        {
            var margin = -y[i] * Enumerable.Range(0, Features).Sum(j => x[(i * Features) + j] * theta[j]);
            expectedLoss += Math.Log(1 + Math.Exp(margin));
            var sigmoid = 1 / (1 + Math.Exp(-margin));
            for (var j = 0; j < Features; j++)
            {
                expectedGradient[j] += -y[i] * x[(i * Features) + j] * sigmoid;
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-12));
            Assert.That(model.Gradient.ToArray(), Is.EqualTo(expectedGradient).Within(1e-12));
        }
    }

    [Test]
    public void Constructor_WithNegativeLambda_Throws()
    {
        Assert.That(() => new LogisticRegression(Features, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
