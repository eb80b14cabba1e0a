using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Pam;

/// <summary>
/// The conversation function: answers every hidden prompt with the password (appdata_ptr points to a
/// NUL-terminated UTF-8 copy) and ignores notices. Modules ask for the user name through pam_start, not here.
/// </summary>
internal static unsafe class PamConversation
{
    public static delegate* unmanaged<int, Pam.pam_message**, Pam.pam_response**, void*, int> Pointer => &Converse;

    [UnmanagedCallersOnly]
    private static int Converse(int num_msg, Pam.pam_message** msg, Pam.pam_response** resp, void* appdata_ptr)
    {
        if (num_msg <= 0 || msg == null || resp == null)
        {
            return Pam.PAM_CONV_ERR;
        }

        // calloc: PAM releases the array and each answer with free().
        var responses = (Pam.pam_response*)NativeMemory.AllocZeroed((nuint)num_msg, (nuint)sizeof(Pam.pam_response));
        var password = (byte*)appdata_ptr;
        for (var i = 0; i < num_msg; i++)
        {
            // Linux-PAM passes an array of pointers to messages.
            var message = msg[i];
            if (message->msg_style == Pam.PAM_PROMPT_ECHO_OFF)
            {
                responses[i].resp = Duplicate(password);
            }
            else if (message->msg_style == Pam.PAM_PROMPT_ECHO_ON)
            {
                // A visible prompt (e.g. an OTP module) cannot be answered with a password-only login.
                Release(responses, i);
                return Pam.PAM_CONV_ERR;
            }
        }

        *resp = responses;
        return Pam.PAM_SUCCESS;
    }

    private static byte* Duplicate(byte* text)
    {
        var length = text == null ? 0 : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).Length;
        var copy = (byte*)NativeMemory.Alloc((nuint)length + 1);
        if (length > 0)
        {
            Buffer.MemoryCopy(text, copy, length, length);
        }

        copy[length] = 0;
        return copy;
    }

    private static void Release(Pam.pam_response* responses, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (responses[i].resp != null)
            {
                var length = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(responses[i].resp).Length;
                NativeMemory.Clear(responses[i].resp, (nuint)length);
                NativeMemory.Free(responses[i].resp);
            }
        }

        NativeMemory.Free(responses);
    }
}
