using System.Diagnostics.CodeAnalysis;

namespace Sasg.Experiments.Scenarios;

/// <summary>The floating-point type of the model's parameters (<c>model.precision</c>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are the scenario words float32 and float64.")]
public enum ModelPrecision
{
    /// <summary>"float32": 4-byte floats.</summary>
    Float32,

    /// <summary>"float64": 8-byte doubles.</summary>
    Float64,
}
