using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PveCluster.Api.Envelope;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Tests.Envelope;

public sealed class ApiErrorMiddlewareTests : IDisposable
{
    /// <summary>A mounted pve-dir: authkey.pub is there.</summary>
    private readonly PveDirectory _pveDir = new(Directory.CreateTempSubdirectory("pve-error-test-").FullName);

    public ApiErrorMiddlewareTests() => File.WriteAllText(_pveDir.AuthPublicKey, "key");

    public void Dispose() => Directory.Delete(_pveDir.Root, recursive: true);

    [Fact]
    public async Task Unexpected_exception_is_a_generic_500_and_its_text_only_goes_to_the_log()
    {
        var log = new ListLogger();
        var middleware = new ApiErrorMiddleware(_ => throw new InvalidOperationException("secret detail /etc/pve/priv/authkey.key"), log, _pveDir);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal((int)HttpStatusCode.InternalServerError, context.Response.StatusCode);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(text)!["data"]);
        Assert.Contains("internal error", JsonNode.Parse(text)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(log.Entries, entry => entry.Exception?.Message.Contains("secret detail", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_500_while_the_cluster_file_system_is_away_is_a_503_with_a_retry_hint(bool unexpected)
    {
        File.Delete(_pveDir.AuthPublicKey);   // pmxcfs restarting: /etc/pve is an empty mount point
        var middleware = new ApiErrorMiddleware(
            _ => unexpected
                ? throw new IOException("Transport endpoint is not connected")
                : throw new ApiException("authentication key file '/etc/pve/authkey.pub' is missing"),
            new ListLogger(),
            _pveDir);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync())!;
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.Null(body["data"]);
        Assert.Contains("cluster file system not available", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("\n", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_errors_stay_what_they_are_while_the_cluster_file_system_is_away()
    {
        File.Delete(_pveDir.AuthPublicKey);
        var middleware = new ApiErrorMiddleware(_ => throw ApiException.BadParameter("node", "invalid"), new ListLogger(), _pveDir);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal((int)HttpStatusCode.BadRequest, context.Response.StatusCode);
    }

    private sealed class ListLogger : ILogger<ApiErrorMiddleware>
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }
}
