using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sasg.Learning.Models;
using Sasg.Learning.Runtime;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>A model whose parameters and gradients live in two flat native buffers that C# reads as spans.</summary>
/// <remarks>
/// Every parameter tensor of the module is re-pointed (<c>set_</c>) at a slice of one flat parameter tensor, so that
/// algorithms read and write <see cref="Parameters"/> without copies. A model that implements
/// <see cref="IAnalyticGradient"/> (linear, logistic and softmax regression, the MLP) writes its gradient straight
/// into per-tensor views of the flat <see cref="Gradient"/>: no autograd graph and no copy. Other models (the CNN) go
/// through autograd: each step starts with no <c>.grad</c>, so autograd stores its result without an accumulation
/// pass, and the per-tensor gradients are then copied once into the flat vector.
/// <para>A module's buffers (batch norm's running mean and variance) are not parameters and stay outside the flat
/// vector, in the module: a training-mode gradient moves them unless asked not to, <see cref="Loss"/> and
/// <see cref="Evaluation"/> read them in evaluation mode (docs/algorithms.md, "Batch norm under data-parallel
/// training").</para>
/// </remarks>
/// <typeparam name="T">float for float32 models, double for float64 models.</typeparam>
public sealed class FlatModel<T> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor _parameters;
    private readonly Tensor _gradient;
    private readonly TorchSharp.Modules.Parameter[] _parameterList;
    private readonly Tensor[] _gradientViews;
    private Tensor? _asideGradient;
    private Tensor[]? _asideViews;
    private Tensor? _asideParameters;
    private Tensor[]? _asideParameterViews;
    private readonly IAnalyticGradient? _analytic;
    private readonly Tensor[] _buffers;
    private readonly Tensor[] _bufferCopies;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="model"/> and flattens its parameters (values are kept).</summary>
    /// <param name="model">The module; its parameters must all have the dtype of <typeparamref name="T"/>.</param>
    /// <param name="useAnalyticGradient">Whether to use the model's <see cref="IAnalyticGradient"/> when it has one
    /// (the default); false forces autograd, for comparisons.</param>
    /// <exception cref="ArgumentException">The model's dtype is not the one of <typeparamref name="T"/>.</exception>
    public FlatModel(SupervisedModel model, bool useAnalyticGradient = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var dtype = DTypeOf();
        var named = model.named_parameters().ToList();
        foreach (var (name, parameter) in named)
        {
            if (parameter.dtype != dtype)
            {
                throw new ArgumentException(
                    $"Parameter '{name}' is {parameter.dtype}; FlatModel<{typeof(T).Name}> needs {dtype}.", nameof(model));
            }
        }

        var total = checked((int)named.Sum(p => p.parameter.numel()));
        _parameters = zeros(total, dtype: dtype).DetachFromDisposeScope();
        _gradient = zeros(total, dtype: dtype).DetachFromDisposeScope();
        _parameterList = named.Select(p => p.parameter).ToArray();
        _analytic = useAnalyticGradient ? model as IAnalyticGradient : null;
        var blocks = new List<ParameterBlock>(named.Count);
        var offset = 0;
        using (no_grad())
        {
            foreach (var (name, parameter) in named)
            {
                var length = (int)parameter.numel();
                // Every temporary is disposed here: the caller may have no dispose scope open, and a tensor left to the
                // finalizer can be freed while a native call still reads it (docs/architecture.md).
                using var parameterSlice = _parameters.narrow(0, offset, length);
                using var values = parameterSlice.view(parameter.shape);
                values.copy_(parameter);
                parameter.set_(values);
                blocks.Add(new ParameterBlock(name, offset, length));
                offset += length;
            }
        }

        Blocks = blocks;
        Length = total;
        _gradientViews = ViewsOf(_gradient);
        _buffers = model.buffers().ToArray();
        using (no_grad())
        {
            _bufferCopies = _buffers.Select(b => b.clone().DetachFromDisposeScope()).ToArray();
        }
    }

    /// <summary>The wrapped module (shared by every worker of a simulation, as in the SASG notebooks).</summary>
    public SupervisedModel Model { get; }

    /// <summary>The parameter tensors in state-dict order, as slices of the flat vector (per-tensor top-k uses them).</summary>
    public IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>The number of parameters.</summary>
    public int Length { get; }

    /// <summary>The live parameter vector: writing here changes the model.</summary>
    public Span<T> Parameters => MemoryMarshal.Cast<byte, T>(_parameters.bytes);

    /// <summary>The gradient written by the last <see cref="ComputeGradient"/>.</summary>
    public Span<T> Gradient => MemoryMarshal.Cast<byte, T>(_gradient.bytes);

    /// <summary>The gradient written by the last <see cref="ComputeGradient"/> with <c>aside: true</c>: a second buffer,
    /// which a gradient into <see cref="Gradient"/> leaves as it is (made at the first such call).</summary>
    public Span<T> AsideGradient => _asideGradient is null ? [] : MemoryMarshal.Cast<byte, T>(_asideGradient.bytes);

    /// <summary>Whether <see cref="ComputeAsideGradient"/> can evaluate a gradient at <see cref="AsideParameters"/>: the
    /// model's analytic gradient takes parameters from outside the module (<see cref="IAnalyticGradientAt"/>), and it
    /// has no buffers, which a training-mode pass at another point would have to leave as they were.</summary>
    public bool ComputesAside => _analytic is IAnalyticGradientAt && _buffers.Length == 0;

    /// <summary>A second parameter vector, laid out as <see cref="Parameters"/>, at which
    /// <see cref="ComputeAsideGradient"/> evaluates without touching the module's own (made at the first read; empty
    /// when the model does not <see cref="ComputesAside"/>).</summary>
    public Span<T> AsideParameters => ComputesAside ? MemoryMarshal.Cast<byte, T>(AsideParameterViews().Parameters.bytes) : [];

    /// <summary>The TorchSharp dtype of this model's parameters (float32 or float64, from <typeparamref name="T"/>).</summary>
    public ScalarType DType => DTypeOf();

    private static ScalarType DTypeOf()
    {
        if (typeof(T) == typeof(float))
        {
            return ScalarType.Float32;
        }

        if (typeof(T) == typeof(double))
        {
            return ScalarType.Float64;
        }

        throw new NotSupportedException($"FlatModel supports float and double, not {typeof(T).Name}.");
    }

    /// <summary>Whether the module has buffers (batch norm's running statistics), which are not in the flat vector.</summary>
    public bool HasBuffers => _buffers.Length > 0;

    /// <summary>Computes the loss of <paramref name="batch"/> at the current parameters and its gradient into
    /// <see cref="Gradient"/>; returns the loss.</summary>
    /// <param name="batch">The samples.</param>
    /// <param name="updateStatistics">Whether the training-mode forward pass may move the module's buffers (batch
    /// norm's running statistics); false restores them afterwards, bit for bit. No effect on a model without buffers.
    /// </param>
    /// <param name="aside">Whether the gradient goes to <see cref="AsideGradient"/> instead of <see cref="Gradient"/>
    /// (same values): a same-sample test keeps the gradient at a stale iterate there while it computes the one at the
    /// server's iterate, without copying it out.</param>
    public double ComputeGradient(Batch batch, bool updateStatistics = true, bool aside = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (updateStatistics || _buffers.Length == 0)
        {
            return ComputeGradientUpdating(batch, aside);
        }

        CopyBuffers(_buffers, _bufferCopies);
        try
        {
            return ComputeGradientUpdating(batch, aside);
        }
        finally
        {
            CopyBuffers(_bufferCopies, _buffers);
        }
    }

    private static void CopyBuffers(Tensor[] from, Tensor[] to)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < from.Length; i++)
        {
            to[i].copy_(from[i]);
        }
    }

    private double ComputeGradientUpdating(Batch batch, bool aside)
    {
        using var scope = NewDisposeScope();
        if (_analytic is not null)
        {
            using var noGrad = no_grad();
            return TensorScalars.ToDouble(_analytic.LossAndGradient(batch.Features, batch.Targets, aside ? AsideViews() : _gradientViews));
        }

        Model.zero_grad(set_to_none: true);
        using var loss = Model.Loss(Model.call(batch.Features), batch.Targets);
        loss.backward();
        if (aside)
        {
            AsideViews();
        }

        var gradient = aside ? AsideGradient : Gradient;
        for (var i = 0; i < _parameterList.Length; i++)
        {
            var block = Blocks[i];
            var destination = gradient.Slice(block.Offset, block.Length);
            using var grad = _parameterList[i].grad;
            if (grad is null)
            {
                destination.Clear();
            }
            else
            {
                MemoryMarshal.Cast<byte, T>(grad.contiguous().bytes).CopyTo(destination);
            }
        }

        return TensorScalars.ToDouble(loss);
    }

    /// <summary>Computes the loss of <paramref name="batch"/> at <see cref="AsideParameters"/> and its gradient into
    /// <see cref="AsideGradient"/>, the same values as <see cref="ComputeGradient"/> with <c>aside: true</c> would give
    /// with the module holding those parameters; the module's parameters are neither read nor changed.</summary>
    /// <exception cref="InvalidOperationException">The model does not <see cref="ComputesAside"/>.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // A frame of its own, so that profiles find the gradient (profile-breakdown.py).
    public double ComputeAsideGradient(Batch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ComputesAside)
        {
            throw new InvalidOperationException("This model cannot evaluate a gradient at parameters outside the module.");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var analytic = (IAnalyticGradientAt)_analytic!;
        return TensorScalars.ToDouble(analytic.LossAndGradientAt(batch.Features, batch.Targets, AsideParameterViews().Views, AsideViews()));
    }

    /// <summary>Whether <see cref="ComputeGradientInto"/> writes a gradient straight into a caller's array: the model
    /// has an analytic gradient (which writes into any tensors of the parameters' shapes) and no buffers.</summary>
    public bool WritesGradientInto => _analytic is not null && _buffers.Length == 0;

    /// <summary>Per-tensor views of the first <see cref="Length"/> entries of <paramref name="array"/>, which share its
    /// memory (the array stays pinned until the target is disposed): where <see cref="ComputeGradientInto"/> writes.
    /// </summary>
    public GradientTarget TargetOf(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length < Length)
        {
            throw new ArgumentException($"An array of {array.Length} cannot hold {Length} gradient entries.", nameof(array));
        }

        var flat = frombuffer(array, DType, count: Length).DetachFromDisposeScope();
        return new GradientTarget(array, flat, ViewsOf(flat));
    }

    /// <summary>Computes the loss of <paramref name="batch"/> at the current parameters and writes its gradient into
    /// <paramref name="target"/>'s array (the values <see cref="ComputeGradient"/> writes into <see cref="Gradient"/>,
    /// which keeps its contents); returns the loss.</summary>
    /// <exception cref="InvalidOperationException">The model does not <see cref="WritesGradientInto"/>.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // A frame of its own, so that profiles find the gradient (profile-breakdown.py).
    public double ComputeGradientInto(Batch batch, GradientTarget target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        if (!WritesGradientInto)
        {
            throw new InvalidOperationException("This model cannot write its gradient into a caller's array.");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return TensorScalars.ToDouble(_analytic!.LossAndGradient(batch.Features, batch.Targets, target.Views));
    }

    /// <summary>A caller's array seen as the model's per-tensor gradient tensors (<see cref="TargetOf"/>).</summary>
    public sealed class GradientTarget : IDisposable
    {
        private readonly Tensor _flat;

        internal GradientTarget(T[] array, Tensor flat, Tensor[] views)
        {
            Array = array;
            _flat = flat;
            Views = views;
        }

        /// <summary>The array written into.</summary>
        public T[] Array { get; }

        internal Tensor[] Views { get; }

        /// <inheritdoc/>
        public void Dispose()
        {
            foreach (var view in Views)
            {
                view.Dispose();
            }

            _flat.Dispose();
        }
    }

    // The aside parameter vector and its per-tensor views, made at the first use.
    private (Tensor Parameters, Tensor[] Views) AsideParameterViews()
    {
        if (_asideParameters is null)
        {
            _asideParameters = zeros(Length, dtype: DType).DetachFromDisposeScope();
            _asideParameterViews = ViewsOf(_asideParameters);
        }

        return (_asideParameters, _asideParameterViews!);
    }

    // The aside buffer and its per-tensor views, made at the first aside gradient (only same-sample tests use it).
    private Tensor[] AsideViews()
    {
        if (_asideViews is null)
        {
            _asideGradient = zeros(Length, dtype: DType).DetachFromDisposeScope();
            _asideViews = ViewsOf(_asideGradient);
        }

        return _asideViews;
    }

    // Per-tensor views of a flat vector laid out as the parameters are (a view per block, in its tensor's shape).
    private Tensor[] ViewsOf(Tensor flat)
    {
        var views = new Tensor[Blocks.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var block = Blocks[i];
            using var slice = flat.narrow(0, block.Offset, block.Length);
            views[i] = slice.view(_parameterList[i].shape).DetachFromDisposeScope();
        }

        return views;
    }

    /// <summary>Sets the parameters to <paramref name="values"/>, computes the gradient of <paramref name="batch"/>
    /// there into <paramref name="gradient"/>, and leaves the parameters at <paramref name="values"/>.</summary>
    public double ComputeGradientAt(ReadOnlySpan<T> values, Batch batch, Span<T> gradient)
    {
        values.CopyTo(Parameters);
        var loss = ComputeGradient(batch);
        Gradient.CopyTo(gradient);
        return loss;
    }

    /// <summary>The loss of <paramref name="batch"/> at the current parameters, without a gradient, in evaluation
    /// mode (batch norm normalises by its running statistics and leaves them as they are).</summary>
    public double Loss(Batch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(Model);
        return TensorScalars.ToDouble(Model.Loss(Model.call(batch.Features), batch.Targets));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Model.Dispose();
        foreach (var view in _gradientViews)
        {
            view.Dispose();
        }

        foreach (var view in (_asideViews ?? []).Concat(_asideParameterViews ?? []))
        {
            view.Dispose();
        }

        foreach (var copy in _bufferCopies)
        {
            copy.Dispose();
        }

        _asideGradient?.Dispose();
        _asideParameters?.Dispose();

        _parameters.Dispose();
        _gradient.Dispose();
    }
}
