using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop;

/// <summary>libcorosync_common: corosync's own error texts.</summary>
internal static unsafe partial class CorosyncCommon
{
    /// <summary>Returns a static string such as "CS_ERR_TRY_AGAIN"; never free it.</summary>
    [LibraryImport(Libraries.CorosyncCommon)]
    public static partial byte* cs_strerror(CsError error);
}
