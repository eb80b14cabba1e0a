using Microsoft.AspNetCore.Http.Features;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Envelope;

/// <summary>
/// Turns errors into the Proxmox error envelope. <see cref="ApiException"/> carries a message meant for the client;
/// a request the server could not read (body over the limit, broken chunked framing) is the client's error too;
/// anything else is an internal error: logged in full, answered with a generic 500 that reveals nothing. A 500 while
/// the cluster file system is away (pmxcfs restarting during a create or join) is a 503 with a retry hint instead:
/// the request may well succeed a few seconds later.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger, PveDirectory pveDir)
{
    public const string InternalErrorMessage = "internal error (see the pveproxy and pvedaemon logs on this node)";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            logger.LogDebug("{Method} {Path}: {Status} {Message}", context.Request.Method, context.Request.Path, e.StatusCode, e.Message);
            await WriteAsync(context, e.StatusCode == StatusCodes.Status500InternalServerError ? WhileRemounting(context, e) ?? e : e)
                .ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            logger.LogInformation("{Method} {Path} from {Remote}: unreadable request ({Status}): {Message}",
                context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress, e.StatusCode, e.Message);
            await WriteAsync(context, FromBadRequest(context, e)).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            if (WhileRemounting(context, e) is { } unavailable)
            {
                await WriteAsync(context, unavailable).ConfigureAwait(false);
                return;
            }

            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, new ApiException(StatusCodes.Status500InternalServerError, InternalErrorMessage)).ConfigureAwait(false);
        }
    }

    /// <summary>The 503 for a failure that happened while /etc/pve was away, or null when it is there.</summary>
    private ApiException? WhileRemounting(HttpContext context, Exception failure)
    {
        if (ClusterFsAvailability.IsAvailable(pveDir))
        {
            return null;
        }

        logger.LogInformation("{Method} {Path}: cluster file system not available, answering 503 ({Failure})",
            context.Request.Method, context.Request.Path, failure.Message);
        return ClusterFsAvailability.Unavailable(pveDir);
    }

    public static Task WriteAsync(HttpContext context, ApiException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Response.Clear();
        context.Response.StatusCode = error.StatusCode;
        // Proxmox puts the message in the status line; its clients (pvesh, pvecm) read it from there.
        if (context.Features.Get<IHttpResponseFeature>() is { } response && ReasonPhrase(error.ReasonPhrase ?? error.Message) is { } phrase)
        {
            response.ReasonPhrase = phrase;
        }

        if (error.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ProxmoxJsonResult.WriteAsync(context.Response, ApiResponse.ErrorBody(error), context.RequestAborted);
    }

    private static ApiException FromBadRequest(HttpContext context, BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(context);
        }

        // Kestrel's texts name its own internals; the client only needs to know the request was unreadable.
        return new ApiException(e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest,
            "malformed HTTP request (body framing or encoding)");
    }

    public static ApiException TooLarge(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return new ApiException(StatusCodes.Status413PayloadTooLarge,
            limit is { } bytes ? $"request body too large (the limit is {bytes} bytes)" : "request body too large");
    }

    /// <summary>The message as a status-line reason: printable ASCII only, first line, bounded.</summary>
    private static string? ReasonPhrase(string message)
    {
        var line = message.Split('\n')[0].Trim();
        if (line.Length == 0 || line.Length > 200 || !line.All(c => c is >= ' ' and <= '~'))
        {
            return null;
        }

        return line;
    }
}
