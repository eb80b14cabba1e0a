using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using PveCluster.Api.Cluster;

namespace PveCluster.Api.Tests.Cluster;

/// <summary>
/// The node-name lookup behind <c>/cluster/status</c>: a resolver that stalls (glibc waits 5 s for a lost reply)
/// must not stall requests once the name is known.
/// </summary>
public sealed class HostAddressCacheTests
{
    private static readonly IPAddress[] Old = [IPAddress.Parse("192.0.2.1")];
    private static readonly IPAddress[] New = [IPAddress.Parse("192.0.2.2")];

    private readonly FakeTimeProvider _time = new();
    private readonly List<TaskCompletionSource<IPAddress[]>> _lookups = [];

    private HostAddressCache Cache() => new(_time, (_, _) =>
    {
        var lookup = new TaskCompletionSource<IPAddress[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lookups)
        {
            _lookups.Add(lookup);
        }

        return lookup.Task;
    });

    [Fact]
    public async Task Callers_of_an_unknown_name_share_one_lookup_that_outlives_a_cancelled_caller()
    {
        var cache = Cache();
        using var gaveUp = new CancellationTokenSource();
        var first = cache.ResolveAsync("node1", gaveUp.Token);
        var second = cache.ResolveAsync("NODE1", CancellationToken.None);
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        (await WaitForLookupsAsync(1))[0].SetResult(Old);
        Assert.Equal(Old, await second);
        Assert.Single(_lookups);
    }

    [Fact]
    public async Task A_known_name_is_answered_at_once_even_while_the_resolver_stalls()
    {
        var cache = Cache();
        var first = cache.ResolveAsync("node1", CancellationToken.None);
        (await WaitForLookupsAsync(1))[0].SetResult(Old);
        Assert.Equal(Old, await first);

        _time.Advance(HostAddressCache.Fresh);
        var stale = cache.ResolveAsync("node1", CancellationToken.None);
        var again = cache.ResolveAsync("node1", CancellationToken.None);
        Assert.True(stale.IsCompletedSuccessfully && again.IsCompletedSuccessfully, "a stale name waited for the resolver");
        Assert.Equal(Old, await stale);

        var refresh = await WaitForLookupsAsync(2);
        refresh[1].SetResult(New);
        await WaitUntilAsync(() => cache.ResolveAsync("node1", CancellationToken.None) is { IsCompletedSuccessfully: true, Result: var r } && r == New);
        Assert.Equal(2, _lookups.Count);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_remembered_as_no_addresses()
    {
        var calls = 0;
        var cache = new HostAddressCache(_time, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        });

        Assert.Empty(await cache.ResolveAsync("nosuchnode", CancellationToken.None));
        await WaitUntilAsync(() => cache.ResolveAsync("nosuchnode", CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(1, calls);
    }

    private async Task<List<TaskCompletionSource<IPAddress[]>>> WaitForLookupsAsync(int count)
    {
        await WaitUntilAsync(() =>
        {
            lock (_lookups)
            {
                return _lookups.Count >= count;
            }
        });
        lock (_lookups)
        {
            return [.. _lookups];
        }
    }

    /// <summary>The cache stores a finished lookup on a pool thread; this waits for it, bounded.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
