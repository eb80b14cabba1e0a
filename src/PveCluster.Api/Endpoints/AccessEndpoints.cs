using PveCluster.Api.Auth;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Endpoints;

/// <summary><c>/access</c>: login. A ticket is obtained with the PAM password, or renewed by passing a still valid ticket as password.</summary>
public static class AccessEndpoints
{
    private const string LoginFailed = "authentication failure";
    private const int MaxPasswordLength = 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/access/ticket", LoginAsync);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        AuthKeyStore keys,
        PamAuthenticator pam,
        ApiOptions options,
        CorosyncConfReader corosync,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(AccessEndpoints));
        var parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var username = RequestParameters.Required(parameters, "username");
        var password = RequestParameters.Required(parameters, "password");
        if (parameters.TryGetValue("realm", out var realm) && realm.Length > 0 && !username.Contains('@', StringComparison.Ordinal))
        {
            username = $"{username}@{realm}";
        }

        if (!UserId.TryParse(username, out var user))
        {
            throw ApiException.BadParameter("username", "value does not look like a valid user name (name@realm)");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw ApiException.BadParameter("password", $"value may only be {MaxPasswordLength} characters long");
        }

        var now = time.GetUtcNow();
        var remoteAddress = context.Connection.RemoteIpAddress;
        var remote = (remoteAddress is { IsIPv4MappedToIPv6: true } ? remoteAddress.MapToIPv4() : remoteAddress)?.ToString();
        if (!await IsAuthenticAsync(user, password, keys, pam, options, remote, now, cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("authentication failure; rhost={Remote} user={User}", remote, user);
            throw ApiException.Unauthorized(LoginFailed);
        }

        var ticket = keys.CreateTicket(user, now);
        context.Response.Cookies.Append(AuthHeaders.TicketCookie, ticket, new CookieOptions
        {
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });
        var clusterName = corosync.TryRead()?.Totem?.ClusterName;
        logger.LogInformation("successful auth for user '{User}' from {Remote}", user, remote);
        return ApiResponse.Data(new LoginResponse(user.ToString(), ticket, keys.CreateCsrfToken(user, now), clusterName),
            ApiJsonContext.Default.LoginResponse);
    }

    private static async Task<bool> IsAuthenticAsync(UserId user, string password, AuthKeyStore keys, PamAuthenticator pam,
        ApiOptions options, string? remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Without ACLs only the configured administrators may log in; anyone else fails exactly like a wrong password.
        if (!options.AllowedUsers.Contains(user))
        {
            return false;
        }

        if (password.StartsWith(AuthTicket.Prefix + ":", StringComparison.Ordinal))
        {
            var renewal = keys.VerifyTicket(password, now);
            return renewal.IsValid && renewal.User == user;
        }

        if (!string.Equals(user.Realm, "pam", StringComparison.Ordinal))
        {
            return false;
        }

        var result = await pam.AuthenticateAsync(user.Name, password, remote, cancellationToken).ConfigureAwait(false);
        return result.Success;
    }
}
