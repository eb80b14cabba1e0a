using System.Text.Json;
using System.Text.Json.Nodes;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Proxy;

/// <summary>Reads pvedaemon's JSON answers to pveproxy's internal calls.</summary>
internal static class DaemonResponse
{
    /// <summary>The JSON body; a body that is not a JSON object is pvedaemon's fault, answered 502.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusCodes.Status502BadGateway, $"unreadable answer from pvedaemon ({(int)response.StatusCode}): {e.Message}");
        }
    }

    /// <summary>Any status but the expected ones: pvedaemon's own error (its message), relayed with its status and Retry-After.</summary>
    public static ApiException Unexpected(HttpResponseMessage response, JsonObject body) =>
        new((int)response.StatusCode, body["message"]?.GetValue<string>().TrimEnd('\n') ?? $"pvedaemon answered {(int)response.StatusCode}")
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
}
