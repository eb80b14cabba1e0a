namespace PveCluster.Api.Auth;

/// <summary>Names Proxmox clients use on the wire.</summary>
public static class AuthHeaders
{
    public const string TicketCookie = "PVEAuthCookie";

    public const string CsrfHeader = "CSRFPreventionToken";

    /// <summary>
    /// The <c>Set-Cookie</c> value for a new ticket, byte for byte as Proxmox writes the cookie (pve-http-server's
    /// <c>create_auth_cookie</c>; its GUI sets the same attributes): URI-escaped ticket, <c>path=/; secure; SameSite=Lax;</c>.
    /// Not HttpOnly, as in Proxmox: the GUI logs out by dropping the cookie itself, and the ticket is in the login answer anyway.
    /// </summary>
    public static string TicketSetCookie(string ticket) => $"{TicketCookie}={Uri.EscapeDataString(ticket)}; path=/; secure; SameSite=Lax;";
}
