namespace PveCluster.Api.Interop.Pam;

/// <summary>Values from security/_pam_types.h (Linux-PAM).</summary>
internal static partial class Pam
{
    public const int PAM_SUCCESS = 0;
    public const int PAM_BUF_ERR = 5;
    public const int PAM_CONV_ERR = 19;

    /// <summary>pam_authenticate flag: an empty password is a failure, whatever the module config says.</summary>
    public const int PAM_DISALLOW_NULL_AUTHTOK = 0x1;

    /// <summary>pam_set_item: remote host, recorded in the auth log.</summary>
    public const int PAM_RHOST = 4;

    public const int PAM_PROMPT_ECHO_OFF = 1;
    public const int PAM_PROMPT_ECHO_ON = 2;
    public const int PAM_ERROR_MSG = 3;
    public const int PAM_TEXT_INFO = 4;
}
