using System.Net;
using System.Text;

namespace PveCluster.Gui.Tests;

/// <summary>
/// Stands in for pve-api behind the GUI's HttpClient: canned answers per "METHOD path" (query included),
/// every request recorded with its form body so tests can check what the GUI sent.
/// </summary>
public sealed class StubApi : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)>> _once = new(StringComparer.Ordinal);

    public List<(string Request, string Body, string? Csrf)> Requests { get; } = [];

    public void Answer(string request, string dataJson, HttpStatusCode status = HttpStatusCode.OK) =>
        _answers[request] = (status, status == HttpStatusCode.OK ? $"{{\"data\":{dataJson}}}" : dataJson);

    public void Fail(string request, HttpStatusCode status, string message) =>
        _answers[request] = (status, $"{{\"data\":null,\"message\":\"{message}\\n\"}}");

    /// <summary>A failure answered once, before the standing answer (a 503 while /etc/pve remounts).</summary>
    public void FailOnce(string request, HttpStatusCode status, string message, TimeSpan? retryAfter = null)
    {
        if (!_once.TryGetValue(request, out var queue))
        {
            _once[request] = queue = new();
        }

        queue.Enqueue((status, $"{{\"data\":null,\"message\":\"{message}\\n\"}}", retryAfter));
    }

    /// <summary>The next this many requests fail to connect (the server is restarting).</summary>
    public int RefuseNext { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = $"{request.Method} {request.RequestUri!.PathAndQuery.Replace("/api2/json", "", StringComparison.Ordinal)}";
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((key, body, request.Headers.TryGetValues("CSRFPreventionToken", out var csrf) ? csrf.Single() : null));
        if (RefuseNext > 0)
        {
            RefuseNext--;
            throw new HttpRequestException("Connection refused");
        }

        if (_once.TryGetValue(key, out var queue) && queue.TryDequeue(out var once))
        {
            var failure = new HttpResponseMessage(once.Status) { Content = new StringContent(once.Body, Encoding.UTF8, "application/json") };
            if (once.RetryAfter is { } delay)
            {
                failure.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return failure;
        }

        var (status, text) = _answers.TryGetValue(key, out var answer)
            ? answer
            : (HttpStatusCode.NotImplemented, $"{{\"data\":null,\"message\":\"no stub for {key}\"}}");
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
