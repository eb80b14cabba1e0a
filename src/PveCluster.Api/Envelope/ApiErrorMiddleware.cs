using System.Text.Json;

namespace PveCluster.Api.Envelope;

/// <summary>Turns <see cref="ApiException"/> and unexpected exceptions into the Proxmox error envelope.</summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
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
            await WriteAsync(context, e).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, new ApiException(e.Message)).ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(HttpContext context, ApiException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Response.Clear();
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.WriteAsync(
            JsonSerializer.Serialize(ApiResponse.ErrorBody(error), ApiJsonContext.Default.JsonObject), context.RequestAborted);
    }
}
