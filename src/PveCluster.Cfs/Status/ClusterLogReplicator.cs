using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Status;

/// <summary>
/// Spreads the cluster log over a CPG group. Every local entry is multicast; every delivered entry
/// (our own included) goes into the log, which ignores ones it already has. After each membership
/// change every member multicasts its newest entries, so a node that joined or came back from a
/// partition learns what it missed; the dedupe makes these repeats harmless.
/// </summary>
public sealed class ClusterLogReplicator : IAsyncDisposable
{
    /// <summary>How many of the newest entries each member repeats after a membership change.</summary>
    public const int ResyncEntries = 50;

    /// <summary>Upper bound of one resync message.</summary>
    public const int ResyncMaxBytes = 64 * 1024;

    private readonly ClusterLog _log;
    private readonly ICpgGroup _group;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    public ClusterLogReplicator(ClusterLog log, ICpgGroup group, ILogger logger)
    {
        _log = log;
        _group = group;
        _logger = logger;
        _log.EntryAdded += OnEntryAdded;
    }

    /// <summary>Starts reading the group's events and sending queued entries.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _receiving = Task.Run(() => ReceiveLoopAsync(_stopping.Token), CancellationToken.None);
        _sending = Task.Run(() => SendLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Handles one group event; the receive loop calls this, deterministic tests may too.</summary>
    public void Handle(CpgEvent cpgEvent)
    {
        switch (cpgEvent)
        {
            case CpgMessageDelivered delivered:
                Receive(delivered);
                break;
            case CpgConfigurationChanged:
                var recent = _log.Recent(ResyncEntries);
                if (recent.Count > 0)
                    _outbox.Writer.TryWrite(ClusterLogCodec.Encode(recent, ResyncMaxBytes));
                break;
            case CpgConnectionLost lost:
                // Entries sent meanwhile may be lost; the resync after rejoining repeats the newest ones.
                _logger.LogWarning("cluster log group lost corosync: {Reason}", lost.Reason);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _log.EntryAdded -= OnEntryAdded;
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_receiving, _sending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the loops end this way on shutdown
        }

        _stopping.Dispose();
    }

    private void OnEntryAdded(object? sender, ClusterLogEntry entry) =>
        _outbox.Writer.TryWrite(ClusterLogCodec.Encode([entry]));

    private void Receive(CpgMessageDelivered delivered)
    {
        IReadOnlyList<ClusterLogEntry> entries;
        try
        {
            entries = ClusterLogCodec.Decode(delivered.Payload);
        }
        catch (FormatException e)
        {
            _logger.LogWarning("ignoring a cluster log message from {Sender}: {Reason}", delivered.Sender, e.Message);
            return;
        }

        foreach (var entry in entries)
            _log.Insert(entry);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var cpgEvent in _group.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            Handle(cpgEvent);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _group.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a lost log message must not stop the daemon; the next resync repeats it
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                _logger.LogWarning("cannot multicast a cluster log message: {Reason}", e.Message);
            }
        }
    }
}
