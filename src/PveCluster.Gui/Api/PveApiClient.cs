using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveCluster.Gui.Api;

/// <summary>
/// The GUI's only way to the server: /api2/json with the browser's ticket cookie, the CSRF token header on
/// changing calls, and the Proxmox envelope (<c>{"data": ...}</c>, errors as <c>message</c> and <c>errors</c>).
/// </summary>
public sealed class PveApiClient(HttpClient http, ApiCredentials credentials)
{
    public const string Prefix = "api2/json";
    public const string CsrfHeader = "CSRFPreventionToken";
    private const string LoginPath = "/access/ticket";

    /// <summary>Raised on a 401 outside login (the ticket expired or the node's keys changed).</summary>
    public event Action? Unauthorized;

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, form, cancellationToken);

    /// <summary>
    /// How often a read answered 503 is asked again: while a create or join remounts /etc/pve the server answers 503
    /// with Retry-After (2 s) for a few seconds. Only reads: a change is never sent twice.
    /// </summary>
    public const int UnavailableRetries = 20;

    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, path, form, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiCallException e) when (e.Status == (int)HttpStatusCode.ServiceUnavailable && method == HttpMethod.Get && attempt < UnavailableRetries)
            {
                await Task.Delay(e.RetryAfter ?? DefaultRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonNode?> SendOnceAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (method != HttpMethod.Get && credentials.CsrfToken is { } csrf && path != LoginPath)
        {
            request.Headers.TryAddWithoutValidation(CsrfHeader, csrf);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiCallException($"connection to the server failed ({e.Message})", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var body = TryParse(text);
            if (response.IsSuccessStatusCode)
            {
                return body?["data"];
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && path != LoginPath && !credentials.SuppressLogoutOnUnauthorized)
            {
                Unauthorized?.Invoke();
            }

            throw ToError(response, body);
        }
    }

    private static ApiCallException ToError(HttpResponseMessage response, JsonNode? body)
    {
        var message = JsonRead.Text(body, "message") is { Length: > 0 } m ? m.Trim()
            : response.ReasonPhrase is { Length: > 0 } reason ? reason
            : $"HTTP {(int)response.StatusCode}";
        var problems = new Dictionary<string, string>();
        if (body?["errors"] is JsonObject errors)
        {
            foreach (var (name, value) in errors)
            {
                problems[name] = value?.ToString() ?? "";
            }
        }

        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta
            ? TimeSpan.FromTicks(Math.Clamp(delta.Ticks, 0, MaxRetryDelay.Ticks))
            : (TimeSpan?)null;
        return new ApiCallException((int)response.StatusCode, message, problems) { RetryAfter = retryAfter };
    }

    private static JsonNode? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
