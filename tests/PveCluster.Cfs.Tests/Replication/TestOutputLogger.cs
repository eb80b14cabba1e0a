using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>Shows a node's protocol log in the test output (visible when a test fails).</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, string prefix) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{prefix} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished.
        }
    }
}
