using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Pam;

internal static unsafe partial class Pam
{
    /// <summary>Starts a transaction; on success <paramref name="pamh"/> must be closed with pam_end (see <see cref="SafePamHandle"/>).</summary>
    [LibraryImport(Libraries.Pam, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pam_start(string service_name, string user, pam_conv* pam_conversation, out nint pamh);

    /// <summary>Runs the auth stack; calls the conversation function on this thread. Blocks (failure delay).</summary>
    [LibraryImport(Libraries.Pam)]
    public static partial int pam_authenticate(SafePamHandle pamh, int flags);

    /// <summary>Runs the account stack (expired or locked accounts).</summary>
    [LibraryImport(Libraries.Pam)]
    public static partial int pam_acct_mgmt(SafePamHandle pamh, int flags);

    /// <summary>PAM copies the string.</summary>
    [LibraryImport(Libraries.Pam, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pam_set_item(SafePamHandle pamh, int item_type, string item);

    /// <summary>Raw overload for <see cref="SafePamHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Pam)]
    public static partial int pam_end(nint pamh, int pam_status);

    /// <summary>Static message text owned by libpam; never freed.</summary>
    [LibraryImport(Libraries.Pam)]
    public static partial nint pam_strerror(SafePamHandle pamh, int errnum);
}
