using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Quorum;

/// <summary>Raw libquorum imports (exact C names). Callbacks run inside <c>quorum_dispatch</c> on the caller's thread.</summary>
internal static unsafe partial class Quorum
{
    /// <summary><paramref name="quorumType"/> is 1 (QUORUM_SET) when a provider such as votequorum is configured.</summary>
    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_model_initialize(
        out SafeQuorumHandle handle, int model, QuorumModelV1Data* modelData, out uint quorumType, nint context);

    /// <summary>Raw overload for <see cref="SafeQuorumHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_finalize(ulong handle);

    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_fd_get(SafeQuorumHandle handle, out int fd);

    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_dispatch(SafeQuorumHandle handle, CsDispatchFlags flags);

    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_getquorate(SafeQuorumHandle handle, out int quorate);

    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_trackstart(SafeQuorumHandle handle, CsTrackFlags flags);

    /// <summary>Used only from callbacks, which receive the raw handle value.</summary>
    [LibraryImport(Libraries.Quorum)]
    public static partial CsError quorum_context_get(ulong handle, out nint context);
}
