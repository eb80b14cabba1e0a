using Microsoft.AspNetCore.Http.Features;

namespace PveCluster.Api.Proxy;

/// <summary>Relays the answer of pvedaemon or of another node's pveproxy to the client: status, reason, type and body.</summary>
public sealed class ForwardedResponse(HttpResponseMessage response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (response)
        {
            httpContext.Response.StatusCode = (int)response.StatusCode;
            if (response.ReasonPhrase is { Length: > 0 } phrase && httpContext.Features.Get<IHttpResponseFeature>() is { } feature)
            {
                feature.ReasonPhrase = phrase;
            }

            // The raw header, not the parsed one: parsing rewrites "application/json;charset=UTF-8" with a space,
            // and Proxmox clients compare the type literally.
            if (response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var type))
            {
                httpContext.Response.ContentType = type.ToString();
            }

            if (response.Headers.RetryAfter is { } retry)
            {
                httpContext.Response.Headers.RetryAfter = retry.ToString();
            }

            await response.Content.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
