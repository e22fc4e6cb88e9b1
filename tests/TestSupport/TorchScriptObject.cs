namespace Sasg.TestSupport;

/// <summary>An instance of a TorchScript class for <see cref="TorchScriptArchive"/>: its qualified name (for example
/// <c>__torch__.Linear</c>) and its attributes in order; values are bool, null, a <see cref="TorchScriptTensor"/> or
/// another object.</summary>
public sealed record TorchScriptObject(string ClassName, IReadOnlyList<(string Name, object? Value)> Attributes);
