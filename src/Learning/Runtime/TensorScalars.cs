using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Sasg.Learning.Runtime;

/// <summary>Tensor operations with a C# number, each through a <see cref="Scalar"/> that this class creates, keeps
/// alive across the native call and disposes: the only place in src/ where a number meets a tensor.</summary>
/// <remarks>
/// TorchSharp 0.107.0 turns a C# number into a <see cref="Scalar"/>, a finalizable wrapper of a native
/// <c>c10::Scalar</c>, and passes only its native pointer to libtorch (for example <c>0.5 * t</c> calls
/// <c>t.mul(Scalar)</c>, which calls <c>THSTensor_mul_scalar(Handle, target.Handle)</c>). Nothing keeps the wrapper
/// reachable after its pointer is read, so the collector may finalize it, and free the native scalar, while libtorch is
/// still reading it: runs crashed with <c>Scalar.h:140</c> or <c>Unknown scalar type</c> in <c>THSTensor_mul_scalar</c>.
/// Here the <c>using</c> declaration reads the scalar again after the call, which keeps it alive until libtorch is done.
/// See docs/architecture.md, "Native memory discipline"; a source scan (NativeScalarScanTests) keeps other files from
/// mixing numbers and tensors directly.
/// </remarks>
internal static class TensorScalars
{
    // Tensor.softplus(double, double) makes two implicit Scalars in TorchSharp and has no public overload taking
    // Scalars, so its private Scalar overload is called with scalars held here (the same native kernel, the same bits).
    private static readonly Func<Tensor, Scalar, Scalar, Tensor> SoftplusOfScalars =
        typeof(Tensor).GetMethod("softplus1", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Scalar), typeof(Scalar)])
            ?.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>()
        ?? throw new MissingMethodException(
            "TorchSharp's Tensor.softplus1(Scalar, Scalar) is gone: rewrite TensorScalars.Softplus for this version.");

    /// <summary><paramref name="tensor"/> times <paramref name="value"/>, a new tensor.</summary>
    public static Tensor Mul(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.mul(scalar);
    }

    /// <summary>Multiplies <paramref name="tensor"/> by <paramref name="value"/> in place; returns it.</summary>
    public static Tensor MulInPlace(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.mul_(scalar);
    }

    /// <summary><paramref name="tensor"/> plus <paramref name="value"/>, a new tensor.</summary>
    public static Tensor Add(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        using var one = 1.ToScalar();
        return tensor.add(scalar, one);
    }

    /// <summary><paramref name="tensor"/> plus the integer <paramref name="value"/>, a new tensor.</summary>
    public static Tensor Add(Tensor tensor, long value)
    {
        using var scalar = value.ToScalar();
        using var one = 1.ToScalar();
        return tensor.add(scalar, one);
    }

    /// <summary>Adds the integer <paramref name="value"/> to <paramref name="tensor"/> in place; returns it.</summary>
    public static Tensor AddInPlace(Tensor tensor, long value)
    {
        using var scalar = value.ToScalar();
        using var one = 1.ToScalar();
        return tensor.add_(scalar, one);
    }

    /// <summary><paramref name="tensor"/> plus <paramref name="other"/>, a new tensor (what <c>tensor + other</c>
    /// gives: TorchSharp's <c>add(Tensor)</c> makes an implicit Scalar 1 for its alpha).</summary>
    public static Tensor Add(Tensor tensor, Tensor other)
    {
        using var one = 1.ToScalar();
        return tensor.add(other, one);
    }

    /// <summary>Adds <paramref name="alpha"/> times <paramref name="other"/> to <paramref name="tensor"/> in place;
    /// returns it.</summary>
    public static Tensor AddScaledInPlace(Tensor tensor, Tensor other, double alpha)
    {
        using var scalar = alpha.ToScalar();
        return tensor.add_(other, scalar);
    }

    /// <summary><paramref name="tensor"/> to the power <paramref name="exponent"/>, elementwise, a new tensor.</summary>
    public static Tensor Pow(Tensor tensor, double exponent)
    {
        using var scalar = exponent.ToScalar();
        return tensor.pow(scalar);
    }

    /// <summary><paramref name="tensor"/> to the integer power <paramref name="exponent"/>, a new tensor.</summary>
    public static Tensor Pow(Tensor tensor, long exponent)
    {
        using var scalar = exponent.ToScalar();
        return tensor.pow(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> is greater than <paramref name="value"/> (a bool tensor).</summary>
    public static Tensor Greater(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.gt(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> is at most <paramref name="value"/> (a bool tensor).</summary>
    public static Tensor AtMost(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.le(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> is at most the integer <paramref name="value"/> (a bool tensor).</summary>
    public static Tensor AtMost(Tensor tensor, long value)
    {
        using var scalar = value.ToScalar();
        return tensor.le(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> equals <paramref name="value"/> (a bool tensor).</summary>
    public static Tensor EqualTo(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.eq(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> equals the integer <paramref name="value"/> (a bool tensor).</summary>
    public static Tensor EqualTo(Tensor tensor, long value)
    {
        using var scalar = value.ToScalar();
        return tensor.eq(scalar);
    }

    /// <summary>Sets <paramref name="tensor"/> to <paramref name="value"/> where <paramref name="mask"/> is true, in
    /// place; returns it.</summary>
    public static Tensor MaskedFillInPlace(Tensor tensor, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.masked_fill_(mask, scalar);
    }

    /// <summary>Sets <paramref name="tensor"/> to the integer <paramref name="value"/> where <paramref name="mask"/> is
    /// true, in place; returns it.</summary>
    public static Tensor MaskedFillInPlace(Tensor tensor, Tensor mask, long value)
    {
        using var scalar = value.ToScalar();
        return tensor.masked_fill_(mask, scalar);
    }

    /// <summary>A <paramref name="rows"/> x <paramref name="columns"/> tensor of <paramref name="dtype"/> filled with
    /// <paramref name="value"/>.</summary>
    public static Tensor Full(long rows, long columns, double value, ScalarType dtype)
    {
        using var scalar = value.ToScalar();
        return full(rows, columns, scalar, dtype: dtype);
    }

    /// <summary>log(1 + exp(x)) elementwise, and x itself where x &gt; 20, as <c>nn.functional.softplus(x)</c>.</summary>
    public static Tensor Softplus(Tensor tensor)
    {
        using var beta = 1.0.ToScalar();
        using var threshold = 20.0.ToScalar();
        return SoftplusOfScalars(tensor, beta, threshold);
    }

    /// <summary>ELU with coefficient <paramref name="alpha"/>, as <c>nn.functional.elu(x, alpha)</c>.</summary>
    public static Tensor Elu(Tensor tensor, double alpha)
    {
        using var coefficient = alpha.ToScalar();
        using var scale = 1.0.ToScalar();
        using var inputScale = 1.0.ToScalar();
        return tensor.elu(coefficient, scale, inputScale);
    }

    /// <summary>The value of a one-element tensor as a double (what <c>tensor.ToDouble()</c> gives, through a scalar
    /// kept alive).</summary>
    public static double ToDouble(Tensor tensor)
    {
        using var scalar = tensor.ToScalar();
        return scalar.ToDouble();
    }

    /// <summary>The value of a one-element tensor as a long.</summary>
    public static long ToInt64(Tensor tensor)
    {
        using var scalar = tensor.ToScalar();
        return scalar.ToInt64();
    }

    /// <summary>The value of a one-element tensor as a bool.</summary>
    public static bool ToBoolean(Tensor tensor)
    {
        using var scalar = tensor.ToScalar();
        return scalar.ToBoolean();
    }
}
