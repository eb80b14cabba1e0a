using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Tests.Envelope;

public sealed class ApiErrorMiddlewareTests
{
    [Fact]
    public async Task Unexpected_exception_is_a_generic_500_and_its_text_only_goes_to_the_log()
    {
        var log = new ListLogger();
        var middleware = new ApiErrorMiddleware(_ => throw new InvalidOperationException("secret detail /etc/pve/priv/authkey.key"), log);
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
