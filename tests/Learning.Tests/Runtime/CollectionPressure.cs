namespace Sasg.Learning.Tests.Runtime;

/// <summary>A background thread that forces full collections and runs the finalizers, in a loop, until disposed: a
/// finalizable object that native code still uses is freed under it as soon as the collector thinks it is dead.</summary>
internal sealed class CollectionPressure : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _collections;

    public CollectionPressure()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "collection pressure" };
        _thread.Start();
    }

    /// <summary>Full collections forced so far.</summary>
    public int Collections => Volatile.Read(ref _collections);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref _collections);
        }
    }
}
