namespace Sasg.Experiments.Scenarios;

/// <summary>Why a quantity did not parse, and what to write instead.</summary>
/// <param name="Problem">What is wrong, naming the value.</param>
/// <param name="Fix">What to write instead, listing the accepted units.</param>
internal readonly record struct UnitError(string Problem, string Fix);
