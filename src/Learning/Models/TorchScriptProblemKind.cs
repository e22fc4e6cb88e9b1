namespace Sasg.Learning.Models;

/// <summary>Which part of a TorchScript model a <see cref="TorchScriptProblem"/> is about.</summary>
public enum TorchScriptProblemKind
{
    /// <summary>The file: missing, unreadable, not TorchScript, or without parameters.</summary>
    File,

    /// <summary>The parameters' floating-point type against the one the run trains in.</summary>
    Precision,

    /// <summary>The input: the shape the samples are given in, or the forward pass failing on it.</summary>
    Input,

    /// <summary>The output: not one tensor, or a shape the loss cannot take.</summary>
    Output,
}
