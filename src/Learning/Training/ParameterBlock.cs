namespace Sasg.Learning.Training;

/// <summary>One parameter tensor's place in a model's flat parameter vector.</summary>
/// <param name="Name">The state-dict name, for example "layers.0.weight".</param>
/// <param name="Offset">The index of its first element in the flat vector.</param>
/// <param name="Length">Its number of elements.</param>
public readonly record struct ParameterBlock(string Name, int Offset, int Length);
