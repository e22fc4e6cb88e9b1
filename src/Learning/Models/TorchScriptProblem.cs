namespace Sasg.Learning.Models;

/// <summary>Why a TorchScript model cannot be trained on the given data, and what to do about it.</summary>
/// <param name="Kind">Which part of the model the problem is about.</param>
/// <param name="Problem">What is wrong, in one line.</param>
/// <param name="Fix">What to change, in one line.</param>
public sealed record TorchScriptProblem(TorchScriptProblemKind Kind, string Problem, string Fix);
