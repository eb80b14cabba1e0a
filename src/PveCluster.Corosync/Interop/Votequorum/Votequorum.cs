using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Votequorum;

/// <summary>Raw libvotequorum imports (exact C names). Callbacks run inside <c>votequorum_dispatch</c> on the caller's thread.</summary>
internal static unsafe partial class Votequorum
{
    /// <summary>The callbacks struct is copied; CS_ERR_LIBRARY when corosync is not running.</summary>
    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_initialize(out SafeVotequorumHandle handle, VotequorumCallbacks* callbacks);

    /// <summary>Raw overload for <see cref="SafeVotequorumHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_finalize(ulong handle);

    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_fd_get(SafeVotequorumHandle handle, out int fd);

    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_dispatch(SafeVotequorumHandle handle, CsDispatchFlags flags);

    /// <summary><paramref name="nodeId"/> 0 means the local node. CS_ERR_NOT_EXIST for unknown nodes.</summary>
    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_getinfo(SafeVotequorumHandle handle, uint nodeId, VotequorumInfoNative* info);

    /// <summary>CS_ERR_INVALID_PARAM when <paramref name="expectedVotes"/> is below the partition's total votes.</summary>
    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_setexpected(SafeVotequorumHandle handle, uint expectedVotes);

    /// <summary><paramref name="context"/> is handed to every notification callback.</summary>
    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_trackstart(SafeVotequorumHandle handle, ulong context, CsTrackFlags flags);

    [LibraryImport(Libraries.Votequorum)]
    public static partial CsError votequorum_trackstop(SafeVotequorumHandle handle);
}
