using System.Runtime.InteropServices;
using System.Text;
using PveCluster.Api.Interop.Pam;

namespace PveCluster.Api.Auth;

/// <summary>
/// Checks a system user's password with PAM (pam_authenticate, then pam_acct_mgmt for locked or expired
/// accounts). The calls block, including the deliberate delay after a wrong password, so callers run them on
/// dedicated threads (<see cref="Login.PamWorkerPool"/>), never on request or thread-pool threads.
/// </summary>
public sealed class PamAuthenticator(string service, ILogger<PamAuthenticator> logger)
{
    /// <exception cref="InvalidOperationException">PAM could not be started for the service.</exception>
    public PamResult Authenticate(string user, string password, string? remoteHost)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0 || password.Contains('\0', StringComparison.Ordinal))
        {
            return new PamResult(false, "empty or invalid password");
        }

        using var handle = Start(user, password);
        if (remoteHost is not null)
        {
            handle.LastStatus = Pam.pam_set_item(handle, Pam.PAM_RHOST, remoteHost);
        }

        handle.LastStatus = Pam.pam_authenticate(handle, Pam.PAM_DISALLOW_NULL_AUTHTOK);
        if (handle.LastStatus != Pam.PAM_SUCCESS)
        {
            return Fail(handle, user, "pam_authenticate");
        }

        handle.LastStatus = Pam.pam_acct_mgmt(handle, 0);
        return handle.LastStatus == Pam.PAM_SUCCESS ? PamResult.Ok : Fail(handle, user, "pam_acct_mgmt");
    }

    private unsafe SafePamHandle Start(string user, string password)
    {
        var handle = new SafePamHandle();
        var byteCount = Encoding.UTF8.GetByteCount(password);
        var secret = (byte*)NativeMemory.AllocZeroed((nuint)byteCount + 1);
        Encoding.UTF8.GetBytes(password, new Span<byte>(secret, byteCount));
        var conversation = (Pam.pam_conv*)NativeMemory.AllocZeroed((nuint)sizeof(Pam.pam_conv));
        conversation->conv = PamConversation.Pointer;
        conversation->appdata_ptr = secret;
        handle.AdoptConversation(conversation, secret, (nuint)byteCount);

        var status = Pam.pam_start(service, user, conversation, out var pamh);
        if (status != Pam.PAM_SUCCESS || pamh == 0)
        {
            handle.FreeConversation();
            handle.Dispose();
            throw new InvalidOperationException($"pam_start(service '{service}') failed with PAM status {status}");
        }

        handle.AttachHandle(pamh);
        return handle;
    }

    private PamResult Fail(SafePamHandle handle, string user, string step)
    {
        var text = Marshal.PtrToStringUTF8(Pam.pam_strerror(handle, handle.LastStatus)) ?? $"PAM status {handle.LastStatus}";
        logger.LogWarning("PAM {Step} for {User} (service {Service}) failed: {Error}", step, user, service, text);
        return new PamResult(false, text);
    }
}
