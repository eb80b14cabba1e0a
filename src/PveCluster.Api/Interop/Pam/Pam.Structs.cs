using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Pam;

internal static partial class Pam
{
    /// <summary><c>struct pam_message</c>: one prompt or notice from a module.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct pam_message
    {
        public int msg_style;
        public byte* msg;
    }

    /// <summary><c>struct pam_response</c>; PAM frees <c>resp</c> and the array with free(), so both come from malloc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct pam_response
    {
        public byte* resp;
        public int resp_retcode;
    }

    /// <summary><c>struct pam_conv</c>: must stay valid until pam_end, so it lives in native memory owned by the handle.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct pam_conv
    {
        public delegate* unmanaged<int, pam_message**, pam_response**, void*, int> conv;
        public void* appdata_ptr;
    }
}
