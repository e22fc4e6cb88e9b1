using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sasg.Learning.Models;

/// <summary>A network a user brings as a TorchScript file (PyTorch's <c>torch.jit.save</c>), trained on a loss chosen
/// here like a built-in model.</summary>
/// <remarks>
/// <para>The parameters are the script module's own tensors, in its <c>named_parameters()</c> order with PyTorch's
/// dotted names ("fc1.weight"), so that <see cref="Training.FlatModel{T}"/> re-points them at its flat vector and
/// per-tensor top-k works on the file's tensors.</para>
/// <para>Samples are reshaped to [batch, ..inputShape] before the module's <c>forward</c>. The module runs in training
/// mode when a gradient is computed and in evaluation mode otherwise (PyTorch's <c>model.train()</c> for the
/// training step, <c>model.eval()</c> under <c>no_grad</c> for evaluation): batch norm normalises with the batch's
/// statistics and updates its running statistics in every gradient computation, and evaluation uses the running
/// statistics. Buffers are not parameters: they are neither in the flat vector nor sent.</para>
/// </remarks>
public sealed partial class TorchScriptModel : SupervisedModel
{
    private readonly jit.ScriptModule<Tensor, Tensor> _script;
    private readonly long[] _inputShape;
    private readonly TorchScriptLoss _loss;

    private TorchScriptModel(jit.ScriptModule<Tensor, Tensor> script, IReadOnlyList<int> inputShape, TorchScriptLoss loss)
        : base(nameof(TorchScriptModel))
    {
        _script = script;
        _inputShape = inputShape.Select(s => (long)s).ToArray();
        _loss = loss;

        // The wrappers TorchSharp made while loading belong to whatever dispose scope was open then; the model owns
        // them for its whole life instead.
        foreach (var (_, parameter) in script.named_parameters())
        {
            parameter.DetachFromDisposeScope();
        }

        foreach (var (_, buffer) in script.named_buffers())
        {
            buffer.DetachFromDisposeScope();
        }
    }

    /// <summary>The shape of one sample as the module's <c>forward</c> takes it, without the batch dimension.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>The loss the model is trained on.</summary>
    public TorchScriptLoss LossKind => _loss;

    /// <inheritdoc/>
    public override TargetKind TargetKind =>
        _loss == TorchScriptLoss.CrossEntropy ? TargetKind.ClassLabels : TargetKind.RealTargets;

    /// <inheritdoc/>
    public override bool training => _script.training;

    /// <summary>Loads the TorchScript module serialised in <paramref name="bytes"/> (the content of a
    /// <c>torch.jit.save</c> file) onto the CPU.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="inputShape">The shape of one sample as <c>forward</c> takes it, without the batch dimension.</param>
    /// <param name="loss">The training loss.</param>
    /// <exception cref="TorchScriptException">The bytes are not a TorchScript module (<see cref="TorchScriptProblemKind.File"/>).</exception>
    public static TorchScriptModel Load(byte[] bytes, IReadOnlyList<int> inputShape, TorchScriptLoss loss)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count == 0 || inputShape.Any(s => s <= 0))
        {
            throw new ArgumentException("An input shape needs at least one dimension, all positive.", nameof(inputShape));
        }

        if (bytes.Length == 0)
        {
            throw new TorchScriptException(new TorchScriptProblem(
                TorchScriptProblemKind.File, "the file is empty", "save the model with torch.jit.save (docs/models.md)"));
        }

        jit.ScriptModule<Tensor, Tensor> script;
        try
        {
            script = jit.load<Tensor, Tensor>(bytes);
        }
        catch (ExternalException ex)
        {
            throw new TorchScriptException(
                new TorchScriptProblem(
                    TorchScriptProblemKind.File,
                    "the file is not a TorchScript module libtorch can load (" + FirstLine(ex.Message) + ")",
                    "save the model with torch.jit.script(model).save(path) or torch.jit.trace (docs/models.md)"),
                ex);
        }

        return new TorchScriptModel(script, inputShape, loss);
    }

    /// <inheritdoc/>
    public override IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) =>
        _script.named_parameters(recurse);

    /// <inheritdoc/>
    public override IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool include_nonpersistent = true) =>
        _script.named_buffers(recurse, include_nonpersistent);

    /// <inheritdoc/>
    public override void train(bool train = true) => _script.train(train);

    /// <inheritdoc/>
    public override void eval() => _script.eval();

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var training = is_grad_enabled();
        if (_script.training != training)
        {
            _script.train(training);
        }

        var output = _script.call(input.reshape([input.shape[0], .. _inputShape]));
        return _loss == TorchScriptLoss.MeanSquaredError ? output.flatten() : output;
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, Tensor target) => _loss == TorchScriptLoss.CrossEntropy
        ? nn.functional.cross_entropy(output, target)
        : nn.functional.mse_loss(output, target);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _script.Dispose();
        }
    }

    // libtorch's message is its first line and the native stack follows, except for an error inside a script, where the
    // first line only says that the interpreter failed and the message itself ends the TorchScript traceback
    // ("RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4 and 5x3)").
    internal static string FirstLine(string message)
    {
        var lines = message.Split('\n');
        if (lines[0].StartsWith("The following operation failed in the TorchScript interpreter", StringComparison.Ordinal))
        {
            var error = lines.LastOrDefault(line => ScriptError().IsMatch(line));
            if (error is not null)
            {
                return ScriptError().Replace(error, string.Empty).Trim();
            }
        }

        return lines[0].Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z]*Error: ")]
    private static partial System.Text.RegularExpressions.Regex ScriptError();
}
