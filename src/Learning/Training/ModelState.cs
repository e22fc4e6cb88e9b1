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
    public void Load(ReadOnlySpan<T> point, long version)
    {
        if (!Holds(version, _loadedVersion))
        {
            point.CopyTo(Model.Parameters);
            _loadedVersion = version;
        }
    }

    /// <summary>Makes the model's <see cref="FlatModel{T}.AsideParameters"/> hold <paramref name="point"/>; skips the copy
    /// when <paramref name="stamp"/> (not -1) is the stamp of what they already hold. Stamps name contents: two points
    /// with one stamp are equal.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // A frame of its own, so that profiles find the copy (profile-breakdown.py).
    public void LoadAside(ReadOnlySpan<T> point, long stamp)
    {
        if (!Holds(stamp, _asideStamp))
        {
            point.CopyTo(Model.AsideParameters);
            _asideStamp = stamp;
        }
    }

    // Whether id (not -1) names what is held already.
    private static bool Holds(long id, long held) => id >= 0 && id == held;

    /// <summary>Forgets what is loaded (call after writing the parameters directly).</summary>
    public void Invalidate() => _loadedVersion = -1;
}
