using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Tests.Persistence;

namespace PveCluster.Cfs.Tests.Hosting;

public sealed class InstanceLockTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Database => _directory.File("config.db");

    [Fact]
    public async Task A_second_instance_gives_up_while_the_first_holds_the_lock()
    {
        using var first = await InstanceLock.AcquireAsync(Database, NullLogger.Instance, CancellationToken.None);

        var error = await Assert.ThrowsAsync<IOException>(() => InstanceLock.AcquireAsync(Database, NullLogger.Instance, CancellationToken.None, 3, Interval));
        Assert.Contains("another pmxcfs is running", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(_directory.File(InstanceLock.FileName)));
    }

    [Fact]
    public async Task A_second_instance_gets_the_lock_once_the_first_let_go_while_it_waited()
    {
        var first = await InstanceLock.AcquireAsync(Database, NullLogger.Instance, CancellationToken.None);
        var waiting = new WarningSignal();
        var second = InstanceLock.AcquireAsync(Database, waiting, CancellationToken.None, 500, Interval);
        await waiting.Logged.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(second.IsCompleted);

        first.Dispose();

        using var held = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes once the lock logs that it waits for another instance (its first failed attempt).</summary>
    private sealed class WarningSignal : ILogger
    {
        private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Logged => _logged.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                _logged.TrySetResult();
        }
    }
}
