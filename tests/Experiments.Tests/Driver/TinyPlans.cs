using Sasg.Experiments.Driver;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Small runnable plans for driver, replay and results tests.</summary>
internal static class TinyPlans
{
    /// <summary>A 4-worker MLP classification run on seeded random data, with minibatches.</summary>
    public static RunPlan Stochastic(params string[] algorithms)
    {
        var random = new Random(21);
        Dataset Make(string name, int count)
        {
            var features = Enumerable.Range(0, count * 8).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, count).Select(i => (features[i * 8] > 0 ? 1 : 0) + (features[(i * 8) + 1] > 0 ? 1 : 0)).ToArray();
            return new Dataset(name, count, [8], features, labels, 3, null);
        }

        var workers = Enumerable.Range(0, 4).Select(m => Make($"w{m}", 30)).ToList();
        return new RunPlan
        {
            Name = "tiny-stochastic",
            Seed = 3,
            WorkerData = workers,
            TestData = Make("test", 40),
            CreateModel = () => new Mlp([8, 6, 3]),
            LossIsMean = true,
            Algorithms = algorithms.Select(AlgorithmSpec.Of).ToList(),
            Iterations = 25,
            BatchSize = 5,
            StepSize = 0.05,
            EvaluateEvery = 5,
            Topology = StarTopology.Homogeneous(4, new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMicroseconds(200), DataSize.Zero)),
            Network = new ParameterServerOptions { Ingress = IngressPolicy.SequentialPush, ModelSize = DataSize.FromBytes(4 * 75) },
            CreateCompute = () => ComputeModel.Uniform(4, StragglerNoise.LogNormal(0, 0.3), seed: 9),
            CostPerSample = SimTime.FromMicroseconds(2),
        };
    }
}
