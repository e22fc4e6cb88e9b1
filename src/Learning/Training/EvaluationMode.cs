using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>Puts a module in evaluation mode until disposed, then back in the mode it was in.</summary>
/// <remarks>Only batch norm differs between the modes among Sasg's models: in evaluation mode it normalises by its
/// running statistics and does not move them.</remarks>
internal readonly struct EvaluationMode : IDisposable
{
    private readonly nn.Module _module;
    private readonly bool _wasTraining;

    private EvaluationMode(nn.Module module)
    {
        _module = module;
        _wasTraining = module.training;
        if (_wasTraining)
        {
            module.eval();
        }
    }

    /// <summary>Puts <paramref name="module"/> in evaluation mode.</summary>
    public static EvaluationMode Of(nn.Module module) => new(module);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_wasTraining)
        {
            _module.train();
        }
    }
}
