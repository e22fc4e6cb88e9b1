namespace Sasg.Learning.Models;

/// <summary>The loss a <see cref="TorchScriptModel"/> is trained on (the file holds the network, not its loss).</summary>
public enum TorchScriptLoss
{
    /// <summary>The mean cross-entropy of the outputs (logits, [batch, classes]) against class labels, as
    /// PyTorch's <c>nn.CrossEntropyLoss()</c>.</summary>
    CrossEntropy,

    /// <summary>The mean squared error of one output per sample ([batch] or [batch, 1]) against real targets, as
    /// PyTorch's <c>nn.MSELoss()</c>.</summary>
    MeanSquaredError,
}
