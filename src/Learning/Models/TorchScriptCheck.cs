using System.Globalization;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>Checks, before a run, that a loaded TorchScript model can be trained on the data: its parameters' type,
/// and one forward pass on one sample whose output the loss can take.</summary>
public static class TorchScriptCheck
{
    /// <summary>The first problem of training <paramref name="model"/> in <paramref name="dtype"/> on samples like
    /// <paramref name="sample"/> (one sample's values, row-major) with <paramref name="classes"/> classes (0 for real
    /// targets); null when there is none.</summary>
    /// <remarks>The forward pass runs without a gradient, so in evaluation mode: it changes no running statistics.</remarks>
    public static TorchScriptProblem? Check(TorchScriptModel model, ScalarType dtype, ReadOnlySpan<double> sample, int classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parameters = model.named_parameters().ToList();
        if (parameters.Count == 0)
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.File,
                "the module has no parameters to train",
                "save a module whose weights are parameters (nn.Parameter, or layers such as nn.Linear)");
        }

        foreach (var (name, parameter) in parameters)
        {
            if (parameter.dtype != dtype)
            {
                return new TorchScriptProblem(
                    TorchScriptProblemKind.Precision,
                    $"parameter '{name}' is {Word(parameter.dtype)} but the run trains in {Word(dtype)}",
                    parameter.dtype is ScalarType.Float32 or ScalarType.Float64
                        ? $"write \"precision\": \"{Word(parameter.dtype)}\", or save the model after model.{(dtype == ScalarType.Float64 ? "double" : "float")}()"
                        : "save the model with float32 or float64 parameters (model.float() or model.double())");
            }
        }

        var shape = model.InputShape;
        var values = shape.Aggregate(1L, (a, b) => a * b);
        if (values != sample.Length)
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.Input,
                $"input shape {Format(shape)} holds {values} values but the data's samples have {sample.Length}",
                $"write an input shape of {sample.Length} values, for example [{sample.Length}]");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(sample.ToArray(), [1, sample.Length], ScalarType.Float64).to_type(dtype);
        Tensor output;
        try
        {
            output = model.call(input);
        }
        catch (ExternalException ex)
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.Input,
                $"forward fails on one sample shaped {Format([1, .. shape])}: {TorchScriptModel.FirstLine(ex.Message)}",
                "write the input shape forward takes, without the batch dimension, for example [1, 28, 28] or [784]");
        }
        catch (InvalidCastException)
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.Output,
                "forward returns something other than one tensor",
                "make forward return one tensor of outputs (logits for cross-entropy)");
        }

        var got = output.shape;
        if (model.LossKind == TorchScriptLoss.CrossEntropy
            && (output.dim() != 2 || got[0] != 1 || got[1] < Math.Max(classes, 2) || !IsReal(output.dtype)))
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.Output,
                $"forward gives {Format(got)} ({Word(output.dtype)}) for one sample; cross-entropy needs floating-point [1, C] logits with C at least the data's {classes} classes",
                classes < 2 ? "write \"loss\": \"mse\" for real targets" : $"give the model {classes} outputs");
        }

        if (model.LossKind == TorchScriptLoss.MeanSquaredError && (got.Length is 0 or > 2 || output.numel() != 1 || !IsReal(output.dtype)))
        {
            return new TorchScriptProblem(
                TorchScriptProblemKind.Output,
                $"forward gives {Format(got)} ({Word(output.dtype)}) for one sample; mse needs one floating-point output per sample, [1] or [1, 1]",
                "give the model one output, or write \"loss\": \"cross-entropy\" for class labels");
        }

        return null;
    }

    private static bool IsReal(ScalarType dtype) =>
        dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;

    private static string Word(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    private static string Format(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
}
