using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// A configuration whose only member is this process may also take votequorum's verdict, so that
/// what admins do to a lone node works: <c>pvecm expected 1</c>, or a QDevice vote keeping the
/// survivor of a two-node cluster quorate. With one member nobody can decide otherwise, so the
/// configuration's quorum stays deterministic.
///
/// The verdict counts only for the ring this configuration belongs to (the totem ring cpg
/// reported last, which must hold this node alone): a notification still describing the previous
/// ring, such as the quorate one just before this node was cut off, never counts, so the in-flight
/// writes of a node cut off alone still fail and are undone. It also has to name this node as the
/// ring's only member.
/// </summary>
public sealed partial class ReplicatedConfigTree
{
    /// <summary>Serialises the event loop and the votequorum watcher (both change the protocol state).</summary>
    private readonly SemaphoreSlim _eventGate = new(1, 1);

    /// <summary>Set by the notification thread; the watcher re-reads <see cref="IQuorumMonitor.Current"/> (only the latest matters).</summary>
    private readonly Channel<bool> _votequorumChanged =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private Task? _votequorumLoop;

    /// <summary>The totem ring cpg reported last (null until reported).</summary>
    private CpgRingChanged? _ring;

    /// <summary>True when <paramref name="members"/> is this process alone and votequorum says quorate for the current ring with just this node.</summary>
    private bool IsQuorateAloneByVotequorum(IReadOnlyList<CpgMember> members) =>
        members is [var only] && only == _cpg.Self
        && _ring is { NodeIds: [var ringNode] } ring && ringNode == only.NodeId
        && _quorum.Current is { IsQuorate: true } view
        && view.RingId == ring.RingId
        && view.Members is [var node] && node == only.NodeId;

    private void OnRingChanged(CpgRingChanged change)
    {
        _logger.LogInformation("totem ring {Ring}: nodes {Nodes}", change.RingId, string.Join(',', change.NodeIds));
        _ring = change;
        ReconsiderQuorumAlone();
    }

    /// <summary>
    /// Votequorum changed its mind (for example <c>pvecm expected 1</c>, a QDevice vote); called on the
    /// event loop's side of the gate. A lone member may decide at once; every member shares the verdict.
    /// </summary>
    internal Task OnVotequorumChangedAsync(CancellationToken cancellationToken)
    {
        ReconsiderQuorumAlone();
        return ShareVotequorumVerdictAsync(cancellationToken);
    }

    /// <summary>A synced configuration of this process alone becomes quorate without a configuration change.</summary>
    private void ReconsiderQuorumAlone()
    {
        if (_mode != SyncMode.Synced || _membershipQuorate || !IsQuorateAloneByVotequorum(_members))
        {
            return;
        }

        BecomeQuorate("votequorum made this node quorate alone");
    }

    private void SignalVotequorumChanged(object? sender, QuorumNotification view) => _votequorumChanged.Writer.TryWrite(true);

    private async Task WatchVotequorumAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _votequorumChanged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _eventGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await GuardAsync("a votequorum notification", () => OnVotequorumChangedAsync(cancellationToken)).ConfigureAwait(false);
                }
                finally
                {
                    _eventGate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
