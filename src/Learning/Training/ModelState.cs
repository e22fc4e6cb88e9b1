using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sasg.Learning.Training;

/// <summary>The shared model and which parameter vector it currently holds.</summary>
public sealed class ModelState<T>(FlatModel<T> model)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private long _loadedVersion = -1;
    private long _asideStamp = -1;

    /// <summary>The shared model.</summary>
    public FlatModel<T> Model { get; } = model;

    /// <summary>Makes the model hold <paramref name="point"/>; skips the copy when <paramref name="version"/> (not -1)
    /// is the version already loaded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // A frame of its own, so that profiles find the copy (profile-breakdown.py).
    public void Load(ReadOnlySpan<T> point, long version) => CopyUnlessHeld(point, version, ref _loadedVersion, Model.Parameters);

    /// <summary>Makes the model's <see cref="FlatModel{T}.AsideParameters"/> hold <paramref name="point"/>; skips the copy
    /// when <paramref name="stamp"/> (not -1) is the stamp of what they already hold. Stamps name contents: two points
    /// with one stamp are equal.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // A frame of its own, so that profiles find the copy (profile-breakdown.py).
    public void LoadAside(ReadOnlySpan<T> point, long stamp) => CopyUnlessHeld(point, stamp, ref _asideStamp, Model.AsideParameters);

    // Copies point into destination unless id (not -1) names what destination holds, and remembers id.
    private static void CopyUnlessHeld(ReadOnlySpan<T> point, long id, ref long held, Span<T> destination)
    {
        if (id >= 0 && id == held)
        {
            return;
        }

        point.CopyTo(destination);
        held = id;
    }

    /// <summary>Forgets what is loaded (call after writing the parameters directly).</summary>
    public void Invalidate() => _loadedVersion = -1;
}
