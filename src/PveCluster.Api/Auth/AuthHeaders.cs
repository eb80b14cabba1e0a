namespace PveCluster.Api.Auth;

/// <summary>Names Proxmox clients use on the wire.</summary>
public static class AuthHeaders
{
    public const string TicketCookie = "PVEAuthCookie";

    public const string CsrfHeader = "CSRFPreventionToken";
}
