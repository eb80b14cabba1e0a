using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PveCluster.Corosync.Cmap;

/// <summary>
/// A live <c>cmap_track_add</c> on a prefix. Changes arrive in order on <see cref="Changes"/>.
/// After a corosync restart the track is re-added and <see cref="Resynchronize"/> is raised
/// (changes made while disconnected were missed: re-read the prefix).
/// </summary>
public sealed class CmapTracker : IDisposable
{
    private readonly CmapClient.Connection _connection;
    private readonly Channel<CmapChange> _changes =
        Channel.CreateUnbounded<CmapChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CallbackContext<CmapTracker> _context;
    private int _disposed;

    internal CmapTracker(string prefix, CmapClient.Connection connection)
    {
        Prefix = prefix;
        _connection = connection;
        _context = new CallbackContext<CmapTracker>(this);
    }

    /// <summary>The tracked key prefix, e.g. <c>runtime.members.</c>.</summary>
    public string Prefix { get; }

    /// <summary>Changes in corosync's order; completes when the tracker or its client is disposed.</summary>
    public ChannelReader<CmapChange> Changes => _changes.Reader;

    /// <summary>Raised on the dispatch thread when the connection dropped; the track is re-added on reconnect.</summary>
    public event EventHandler? Resynchronize;

    internal ulong TrackHandle { get; set; }

    internal nint Context => _context.Pointer;

    internal ILogger Logger => _connection.Log;

    internal static CmapTracker? Resolve(nint context) => CallbackContext<CmapTracker>.Resolve(context);

    internal void Publish(CmapChange change) => _changes.Writer.TryWrite(change);

    internal void NotifyConnectionLost() => Resynchronize?.Invoke(this, EventArgs.Empty);

    internal void Complete() => _changes.Writer.TryComplete();

    internal void ReleaseContext() => _context.Dispose();

    /// <summary>Removes the track. The GCHandle is kept until the client is disposed, so a callback already in flight stays safe.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _connection.RemoveTracker(this);
            Complete();
        }
    }
}
