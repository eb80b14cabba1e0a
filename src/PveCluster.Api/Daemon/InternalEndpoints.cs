using System.Text.Json.Nodes;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Envelope;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Daemon;

/// <summary>
/// pvedaemon's calls for pveproxy alone (outside <c>/api2/json</c>, never reachable from the network): sign a ticket
/// after checking the credentials, and check a CSRF token against the secret in <c>priv/</c>, which www-data cannot read.
/// </summary>
public static class InternalEndpoints
{
    public const string TicketPath = "/internal/ticket";

    public const string CsrfPath = "/internal/csrf";

    public static void Map(IEndpointRouteBuilder daemon)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        daemon.MapPost(TicketPath, IssueAsync);
        daemon.MapPost(CsrfPath, VerifyCsrfAsync);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, ITicketIssuer issuer, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var user = ParseUser(form["username"].ToString());
        var remoteHost = form["rhost"].ToString();
        var outcome = await issuer.IssueAsync(user, form["password"].ToString(), remoteHost.Length > 0 ? remoteHost : null, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Issued is { } issued)
        {
            return ApiResponse.Data(new JsonObject { ["ticket"] = issued.Ticket, ["CSRFPreventionToken"] = issued.CsrfToken });
        }

        var refusal = new JsonObject();
        if (outcome.PamFailure is { } duration)
        {
            refusal["pam_failure_ms"] = (long)duration.TotalMilliseconds;
        }

        return Results.Json(refusal, ApiJsonContext.Default.JsonObject, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> VerifyCsrfAsync(HttpContext context, AuthKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var user = ParseUser(form["username"].ToString());
        var failure = keys.VerifyCsrfToken(user, form["token"].ToString(), time.GetUtcNow());
        return ApiResponse.Data(failure is { } problem ? JsonValue.Create(problem.ToString()) : null);
    }

    private static UserId ParseUser(string text) =>
        UserId.TryParse(text, out var user) ? user : throw ApiException.BadParameter("username", "not name@realm");
}
