using Sasg.Learning.Models;

namespace Sasg.Experiments.Scenarios;

/// <summary>A model the user brings as a TorchScript file (<c>model</c> with <c>"kind": "torchscript"</c>).</summary>
/// <param name="Path">The file saved by <c>torch.jit.save</c>, resolved against the scenario file's folder.</param>
/// <param name="Loss">The training loss (<c>model.loss</c>); default cross-entropy.</param>
/// <param name="InputShape">One sample's shape as the module's forward takes it, without the batch dimension
/// (<c>model.inputShape</c>); null: the data's own sample shape ([1, 28, 28] for images).</param>
public sealed record ScenarioTorchScript(string Path, TorchScriptLoss Loss, IReadOnlyList<int>? InputShape);
