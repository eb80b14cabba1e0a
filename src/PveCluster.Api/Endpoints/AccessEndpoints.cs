using System.Text.Json.Nodes;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Endpoints;

/// <summary><c>/access</c>: the realms (PAM only) and login. A ticket is obtained with the PAM password, or renewed by passing a still valid ticket as password.</summary>
public static class AccessEndpoints
{
    /// <summary>
    /// Proxmox's GUI sends <c>new-format=1</c> (the ticket format we always use). Credentials only in the body: a URL
    /// ends up in access logs, proxies and browser history.
    /// </summary>
    private static readonly ParameterSchema LoginSchema = ParameterSchema.Of("new-format").WithBodyOnly("username", "password", "realm");

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/access/ticket", LoginAsync).WithParameters(LoginSchema);
        // Open without a ticket, as in Proxmox: the login form lists the realms before anyone has logged in.
        api.MapGet("/access/domains", () => ApiResponse.Data(new JsonArray
        {
            new JsonObject { ["realm"] = "pam", ["type"] = "pam", ["comment"] = "Linux PAM standard authentication" },
        })).WithParameters(ParameterSchema.None);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        LoginService login,
        CorosyncConfReader corosync,
        CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.Of(context);
        var username = RequestParameters.Required(parameters, "username");
        var password = RequestParameters.Required(parameters, "password");
        var (user, ticket, csrf) = await login.LoginAsync(username, parameters.GetValueOrDefault("realm"), password,
            context.Connection.RemoteIpAddress, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.SetCookie = AuthHeaders.TicketSetCookie(ticket);
        return ApiResponse.Data(new LoginResponse(user.ToString(), ticket, csrf, corosync.TryReadClusterName()),
            ApiJsonContext.Default.LoginResponse);
    }
}
