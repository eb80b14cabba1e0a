namespace PveCluster.Gui.Api;

/// <summary>
/// What the API client adds to requests besides the ticket cookie (which the browser sends by itself):
/// the CSRF token for changing calls, and whether a 401 may send the user back to the login.
/// </summary>
public sealed class ApiCredentials
{
    public string? CsrfToken { get; set; }

    /// <summary>
    /// Set while a cluster join runs on this node: the join replaces the keys that sign tickets, so 401s are
    /// expected and must not throw the user out in the middle of watching the task.
    /// </summary>
    public bool SuppressLogoutOnUnauthorized { get; set; }
}
