using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveCluster.Api.Envelope;

/// <summary>
/// A JSON answer exactly as pve-http-server writes it: compact UTF-8 with the content type
/// <c>application/json;charset=UTF-8</c> byte for byte. Third-party clients (the npm <c>proxmox-api</c> package
/// among them) compare the header as a string, so ASP.NET Core's <c>application/json; charset=utf-8</c> is
/// rejected by them.
/// </summary>
public sealed class ProxmoxJsonResult(JsonObject body, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    public const string ContentType = "application/json;charset=UTF-8";

    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        return WriteAsync(httpContext.Response, body, httpContext.RequestAborted);
    }

    /// <summary>Writes headers and body; the status (and reason phrase) are the caller's.</summary>
    public static Task WriteAsync(HttpResponse response, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJsonContext.Default.JsonObject);
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, cancellationToken).AsTask();
    }
}
