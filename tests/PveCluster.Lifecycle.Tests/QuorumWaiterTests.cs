namespace PveCluster.Lifecycle.Tests;

public sealed class QuorumWaiterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task A_write_refused_while_pmxcfs_is_not_yet_quorate_is_retried_until_admitted()
    {
        var attempts = 0;
        await QuorumWaiter.WriteWhenAdmittedAsync("/etc/pve", () =>
        {
            if (++attempts < 3)
                throw new UnauthorizedAccessException("Access to the path '/etc/pve/nodes' is denied.");
        }, TimeSpan.FromMinutes(1), Interval, TimeProvider.System, CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_write_still_refused_at_the_deadline_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<LifecycleException>(() => QuorumWaiter.WriteWhenAdmittedAsync("/etc/pve",
            () => throw new UnauthorizedAccessException("Access to the path '/etc/pve/nodes' is denied."),
            TimeSpan.FromMilliseconds(50), Interval, TimeProvider.System, CancellationToken.None));

        Assert.Contains("'/etc/pve' still refuses writes", ex.Message, StringComparison.Ordinal);
        Assert.IsType<UnauthorizedAccessException>(ex.InnerException);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<IOException>(() => QuorumWaiter.WriteWhenAdmittedAsync("/etc/pve", () =>
        {
            attempts++;
            throw new IOException("No space left on device");
        }, TimeSpan.FromMinutes(1), Interval, TimeProvider.System, CancellationToken.None));

        Assert.Equal(1, attempts);
    }
}
