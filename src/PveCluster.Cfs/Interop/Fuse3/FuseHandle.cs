using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary>Owns a <c>struct fuse*</c>; releasing it calls <c>fuse_destroy</c>.</summary>
internal sealed class FuseHandle : SafeHandle
{
    public FuseHandle(nint handle)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Fuse3.fuse_destroy(handle);
        return true;
    }
}
