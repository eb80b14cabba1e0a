using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop;

/// <summary>
/// Base for corosync's hdb handles. They are <c>uint64</c> values (random high 32 bits, index in
/// the low bits), not pointers; we keep them in <see cref="SafeHandle.handle"/>, which is only
/// lossless on 64-bit processes. The library is therefore 64-bit only (checked in the constructor).
/// Zero is never a valid hdb handle.
/// </summary>
internal abstract class CorosyncSafeHandle : SafeHandle
{
    protected CorosyncSafeHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
        if (IntPtr.Size != 8)
        {
            throw new PlatformNotSupportedException("corosync handles are 64-bit; a 64-bit process is required.");
        }
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw hdb handle, as corosync passes it back into callbacks.</summary>
    public ulong Value => (ulong)handle;
}
