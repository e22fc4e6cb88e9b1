namespace Sasg.TestSupport;

/// <summary>Small TorchScript models written by <see cref="TorchScriptArchive"/>, as PyTorch would script them.</summary>
public static class TorchScriptModels
{
    // Two Linear submodules, so that parameter names are dotted as PyTorch's ("fc1.weight").
    private const string MlpCode = """
        class Linear(Module):
          __parameters__ = ["weight", "bias", ]
          __buffers__ = []
          weight : Tensor
          bias : Tensor
          training : bool
          def forward(self: __torch__.Linear,
            input: Tensor) -> Tensor:
            return torch.linear(input, self.weight, self.bias)
        class Mlp(Module):
          __parameters__ = []
          __buffers__ = []
          training : bool
          fc1 : __torch__.Linear
          fc2 : __torch__.Linear
          def forward(self: __torch__.Mlp,
            x: Tensor) -> Tensor:
            h = torch.relu((self.fc1).forward(torch.flatten(x, 1), ))
            return (self.fc2).forward(h, )

        """;

    // A linear layer followed by batch norm with running statistics (nn.BatchNorm1d's defaults).
    private const string BatchNormCode = """
        class BatchNormNet(Module):
          __parameters__ = ["weight", "bias", "bn_weight", "bn_bias", ]
          __buffers__ = ["running_mean", "running_var", ]
          weight : Tensor
          bias : Tensor
          bn_weight : Tensor
          bn_bias : Tensor
          running_mean : Tensor
          running_var : Tensor
          training : bool
          def forward(self: __torch__.BatchNormNet,
            x: Tensor) -> Tensor:
            h = torch.linear(torch.flatten(x, 1), self.weight, self.bias)
            return torch.batch_norm(h, self.bn_weight, self.bn_bias, self.running_mean, self.running_var, self.training, 0.10000000000000001, 1.0000000000000001e-05, False)

        """;

    /// <summary>Writes an MLP inputs-hidden-outputs with ReLU (input flattened from dimension 1) whose weights are
    /// <paramref name="w1"/> [hidden, inputs], <paramref name="b1"/>, <paramref name="w2"/> [outputs, hidden] and
    /// <paramref name="b2"/>, all float[] or all double[].</summary>
    public static void WriteMlp(string path, int inputs, int hidden, int outputs, Array w1, Array b1, Array w2, Array b2) =>
        TorchScriptArchive.Write(path, MlpCode, new TorchScriptObject("__torch__.Mlp",
        [
            ("training", true),
            ("fc1", Linear(w1, b1, hidden, inputs)),
            ("fc2", Linear(w2, b2, outputs, hidden)),
        ]));

    /// <summary>Writes an MLP as the other overload does, with float32 weights drawn from a fixed sequence.</summary>
    public static void WriteMlp(string path, int inputs, int hidden, int outputs)
    {
        var random = new Random(11);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        WriteMlp(path, inputs, hidden, outputs, Draw(hidden * inputs), Draw(hidden), Draw(outputs * hidden), Draw(outputs));
    }

    /// <summary>Writes a float32 linear layer inputs-outputs followed by batch norm (running mean 0, variance 1).</summary>
    public static void WriteBatchNormNet(string path, int inputs, int outputs)
    {
        var random = new Random(5);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        TorchScriptArchive.Write(path, BatchNormCode, new TorchScriptObject("__torch__.BatchNormNet",
        [
            ("weight", new TorchScriptTensor(Draw(outputs * inputs), [outputs, inputs], true)),
            ("bias", new TorchScriptTensor(Draw(outputs), [outputs], true)),
            ("bn_weight", new TorchScriptTensor(Enumerable.Repeat(1f, outputs).ToArray(), [outputs], true)),
            ("bn_bias", new TorchScriptTensor(new float[outputs], [outputs], true)),
            ("running_mean", new TorchScriptTensor(new float[outputs], [outputs], false)),
            ("running_var", new TorchScriptTensor(Enumerable.Repeat(1f, outputs).ToArray(), [outputs], false)),
            ("training", true),
        ]));
    }

    private static TorchScriptObject Linear(Array weight, Array bias, int outputs, int inputs) => new(
        "__torch__.Linear",
        [
            ("weight", new TorchScriptTensor(weight, [outputs, inputs], true)),
            ("bias", new TorchScriptTensor(bias, [outputs], true)),
            ("training", true),
        ]);
}
