using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Pam;

/// <summary>
/// A PAM transaction. Besides calling pam_end it frees the conversation struct and wipes the password copy,
/// which PAM may use until pam_end.
/// </summary>
internal sealed unsafe class SafePamHandle : SafeHandle
{
    private Pam.pam_conv* _conversation;
    private byte* _password;
    private nuint _passwordLength;

    public SafePamHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Status of the last PAM call, handed to pam_end so modules can clean up accordingly.</summary>
    public int LastStatus { get; set; }

    public void AttachHandle(nint pamh) => SetHandle(pamh);

    /// <summary>Takes ownership of native memory that must outlive the transaction.</summary>
    public void AdoptConversation(Pam.pam_conv* conversation, byte* password, nuint passwordLength)
    {
        _conversation = conversation;
        _password = password;
        _passwordLength = passwordLength;
    }

    protected override bool ReleaseHandle()
    {
        var status = Pam.pam_end(handle, LastStatus);
        FreeConversation();
        return status == Pam.PAM_SUCCESS;
    }

    public void FreeConversation()
    {
        if (_password != null)
        {
            NativeMemory.Clear(_password, _passwordLength);
            NativeMemory.Free(_password);
            _password = null;
        }

        if (_conversation != null)
        {
            NativeMemory.Free(_conversation);
            _conversation = null;
        }
    }
}
