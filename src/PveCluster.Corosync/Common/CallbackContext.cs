using System.Runtime.InteropServices;

namespace PveCluster.Corosync;

/// <summary>
/// A GCHandle that lets a static [UnmanagedCallersOnly] callback find its managed owner from the
/// context pointer corosync hands back. Freed only after the owning handle is finalized.
/// </summary>
internal sealed class CallbackContext<T> : IDisposable
    where T : class
{
    private GCHandle _handle;

    public CallbackContext(T owner) => _handle = GCHandle.Alloc(owner);

    public nint Pointer => GCHandle.ToIntPtr(_handle);

    public static T? Resolve(nint pointer) =>
        pointer == 0 ? null : GCHandle.FromIntPtr(pointer).Target as T;

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }
}
