using System.Net;
using System.Net.Sockets;

namespace PveCluster.Api.Cluster;

/// <summary>
/// Host name lookups for the API's answers, cached. A resolver that drops one query costs glibc its full retry
/// timeout (5 s), and <c>/cluster/status</c> asks for the node's address on every call: uncached, one lost packet
/// stalled a logged-in client for 5 s. A known name is answered at once; once it is older than
/// <see cref="Fresh"/>, a single background lookup refreshes it. Only the first lookup of a name waits.
/// Failed lookups are cached too (as no addresses), so a dead resolver is not asked on every request.
/// </summary>
public sealed class HostAddressCache
{
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    /// <summary>Names come from the node name and corosync.conf; past this many, further names are looked up uncached.</summary>
    private const int MaxNames = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _lookup;

    public HostAddressCache(TimeProvider time)
        : this(time, Dns.GetHostAddressesAsync)
    {
    }

    internal HostAddressCache(TimeProvider time, Func<string, CancellationToken, Task<IPAddress[]>> lookup)
    {
        _time = time;
        _lookup = lookup;
    }

    /// <summary>The addresses <paramref name="host"/> resolves to; empty when it does not resolve.</summary>
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Task<IPAddress[]> pending;
        lock (_lock)
        {
            if (!_entries.TryGetValue(host, out var entry))
            {
                if (_entries.Count >= MaxNames)
                {
                    return LookupAsync(host, cancellationToken);
                }

                entry = new Entry(null, default, StartLookup(host));
                _entries[host] = entry;
            }

            if (entry.Addresses is { } known)
            {
                if (entry.Refresh is null && _time.GetUtcNow() - entry.ResolvedAt >= Fresh)
                {
                    _entries[host] = entry with { Refresh = StartLookup(host) };
                }

                return Task.FromResult(known);
            }

            pending = entry.Refresh!;
        }

        // The shared lookup goes on when this caller gives up: the next request is answered from it.
        return pending.WaitAsync(cancellationToken);
    }

    private Task<IPAddress[]> StartLookup(string host) => Task.Run(async () =>
    {
        var addresses = await LookupAsync(host, CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            _entries[host] = new Entry(addresses, _time.GetUtcNow(), null);
        }

        return addresses;
    });

    private async Task<IPAddress[]> LookupAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await _lookup(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private sealed record Entry(IPAddress[]? Addresses, DateTimeOffset ResolvedAt, Task<IPAddress[]>? Refresh);
}
