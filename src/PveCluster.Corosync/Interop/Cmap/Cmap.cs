using System.Runtime.InteropServices;
using PveCluster.Corosync.Cmap;

namespace PveCluster.Corosync.Interop.Cmap;

/// <summary>Raw libcmap imports (exact C names). Key names are at most 255 bytes (CMAP_KEYNAME_MAXLEN).</summary>
internal static unsafe partial class Cmap
{
    public const int KeyNameMaxLength = 255;

    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_initialize_map(out SafeCmapHandle handle, CmapMap map);

    /// <summary>Raw overload for <see cref="SafeCmapHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_finalize(ulong handle);

    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_fd_get(SafeCmapHandle handle, out int fd);

    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_dispatch(SafeCmapHandle handle, CsDispatchFlags flags);

    /// <summary>
    /// With <paramref name="value"/> null only the length and type are returned. Otherwise
    /// <paramref name="valueLength"/> is the buffer size in and the value size out; a short buffer
    /// gives CS_ERR_INVALID_PARAM. CS_ERR_NOT_EXIST for a missing key.
    /// </summary>
    [LibraryImport(Libraries.Cmap, StringMarshalling = StringMarshalling.Utf8)]
    public static partial CsError cmap_get(SafeCmapHandle handle, string keyName, void* value, nuint* valueLength, CmapValueType* type);

    [LibraryImport(Libraries.Cmap, StringMarshalling = StringMarshalling.Utf8)]
    public static partial CsError cmap_iter_init(SafeCmapHandle handle, string prefix, out ulong iterHandle);

    /// <summary>Ends with CS_ERR_NO_SECTIONS. <paramref name="keyName"/> must hold 256 bytes (NUL-terminated on return).</summary>
    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_iter_next(SafeCmapHandle handle, ulong iterHandle, byte* keyName, nuint* valueLength, CmapValueType* type);

    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_iter_finalize(SafeCmapHandle handle, ulong iterHandle);

    /// <summary><paramref name="userData"/> is handed back unchanged to <paramref name="notify"/>.</summary>
    [LibraryImport(Libraries.Cmap, StringMarshalling = StringMarshalling.Utf8)]
    public static partial CsError cmap_track_add(
        SafeCmapHandle handle,
        string keyName,
        CmapTrackFlags trackType,
        delegate* unmanaged[Cdecl]<ulong, ulong, int, byte*, CmapNotifyValue, CmapNotifyValue, void*, void> notify,
        void* userData,
        out ulong trackHandle);

    [LibraryImport(Libraries.Cmap)]
    public static partial CsError cmap_track_delete(SafeCmapHandle handle, ulong trackHandle);
}
