using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Cpg;

/// <summary>
/// Raw libcpg imports (exact C names). Callbacks run synchronously inside <c>cpg_dispatch</c> on
/// the calling thread, which needs more than 1 MiB of stack. Requests and dispatch may run on
/// different threads, but requests on one handle must be serialized by the caller.
/// </summary>
internal static unsafe partial class Cpg
{
    /// <summary>Connects to corosync; CS_ERR_LIBRARY when it is not running. <paramref name="context"/> comes back via cpg_context_get.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_model_initialize(out SafeCpgHandle handle, int model, CpgModelV1Data* modelData, nint context);

    /// <summary>Raw overload for <see cref="SafeCpgHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_finalize(ulong handle);

    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_fd_get(SafeCpgHandle handle, out int fd);

    /// <summary>Runs callbacks on this thread. CS_ERR_LIBRARY means corosync went away and the handle is dead.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_dispatch(SafeCpgHandle handle, CsDispatchFlags flags);

    /// <summary>CS_ERR_TRY_AGAIN during sync; CS_ERR_EXIST if already joined; CS_ERR_BUSY while a leave is in progress.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_join(SafeCpgHandle handle, CpgName* group);

    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_leave(SafeCpgHandle handle, CpgName* group);

    /// <summary>The library copies the iovecs before returning; CS_ERR_TRY_AGAIN under flow control.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_mcast_joined(SafeCpgHandle handle, CpgGuarantee guarantee, IoVec* iov, uint iovLength);

    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_local_get(SafeCpgHandle handle, out uint localNodeId);

    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_max_atomic_msgsize_get(SafeCpgHandle handle, out uint size);

    /// <summary>Used only from callbacks, which receive the raw handle value.</summary>
    [LibraryImport(Libraries.Cpg)]
    public static partial CsError cpg_context_get(ulong handle, out nint context);
}
