using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PveCluster.Cfs.Hosting;
using PveCluster.Corosync;

namespace PveCluster.Cfs.Tests.Hosting;

public sealed class CorosyncConnectRetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void Backoff_doubles_from_one_second_up_to_ten()
    {
        var backoff = new ReconnectBackoff();
        var waits = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds);
        Assert.Equal([1, 2, 4, 8, 10, 10, 10], waits);
    }

    [Fact]
    public async Task Retries_corosync_failures_after_the_backoff_until_corosync_answers()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        var connecting = CorosyncConnectRetry.ConnectAsync(
            "the file tree",
            _ => ++attempts < 3 ? throw new CorosyncException(CsError.Library, "cpg_initialize") : Task.FromResult("joined"),
            new ReconnectBackoff(), clock, NullLogger.Instance, CancellationToken.None);

        await WaitUntilAsync(() => attempts == 1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, attempts);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => attempts == 2);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, attempts);
        Assert.False(connecting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("joined", await connecting.WaitAsync(Deadline));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => CorosyncConnectRetry.ConnectAsync<int>(
            "the file tree", _ => { attempts++; throw new InvalidOperationException("bug"); },
            new ReconnectBackoff(), new FakeTimeProvider(), NullLogger.Instance, CancellationToken.None));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_between_attempts()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;
        var connecting = CorosyncConnectRetry.ConnectAsync<int>(
            "the cluster log", _ => { attempts++; throw new CorosyncException(CsError.Library, "cpg_initialize"); },
            new ReconnectBackoff(), new FakeTimeProvider(), NullLogger.Instance, stopping.Token);
        await WaitUntilAsync(() => attempts == 1);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting.WaitAsync(Deadline));
        Assert.Equal(1, attempts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
            await Task.Delay(10, deadline.Token);
    }
}
