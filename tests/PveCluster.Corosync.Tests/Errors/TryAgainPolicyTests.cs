namespace PveCluster.Corosync.Tests.Errors;

public class TryAgainPolicyTests
{
    [Fact]
    public async Task Retries_TRY_AGAIN_until_the_call_succeeds()
    {
        var calls = 0;
        await TryAgainPolicy.RunAsync(() => ++calls < 4 ? CsError.TryAgain : CsError.Ok, "cpg_mcast_joined", CancellationToken.None);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Other_errors_are_thrown_without_retrying()
    {
        var calls = 0;
        var ex = await Assert.ThrowsAsync<CorosyncException>(() =>
            TryAgainPolicy.RunAsync(() => { calls++; return CsError.Library; }, "cpg_mcast_joined", CancellationToken.None));
        Assert.Equal(1, calls);
        Assert.Equal(CsError.Library, ex.Error);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TryAgainPolicy.RunAsync(() => CsError.TryAgain, "cpg_join", cts.Token));
    }

    [Fact]
    public void Synchronous_variant_gives_up_after_its_budget_with_TRY_AGAIN()
    {
        var ex = Assert.Throws<CorosyncException>(() =>
            TryAgainPolicy.Run(() => CsError.TryAgain, "cpg_join", TimeSpan.FromMilliseconds(50)));
        Assert.Equal(CsError.TryAgain, ex.Error);
    }

    [Fact]
    public void Back_off_doubles_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(20), TryAgainPolicy.NextDelay(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), TryAgainPolicy.NextDelay(TimeSpan.FromMilliseconds(160)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), TryAgainPolicy.NextDelay(TimeSpan.FromMilliseconds(200)));
    }
}
