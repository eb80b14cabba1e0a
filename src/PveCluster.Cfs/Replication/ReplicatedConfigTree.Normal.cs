using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

public sealed partial class ReplicatedConfigTree
{
    /// <summary>Normal messages delivered while a sync runs; applied in order once synced.</summary>
    private readonly List<(CpgMember Sender, NormalMessage Message)> _queue = [];

    private void OnNormal(CpgMember sender, NormalMessage message)
    {
        switch (_mode)
        {
            case SyncMode.Synced:
                ApplyOrRefuse(sender, message);
                break;
            case SyncMode.StartSync or SyncMode.Update:
                _queue.Add((sender, message));
                break;
            default:
                // Every member of the partition is in the same mode at this point, so nobody applies it.
                if (sender == _cpg.Self)
                {
                    Complete(message.RequestId, CfsError.IoError);
                }

                break;
        }
    }

    /// <summary>Without quorum nothing is applied (every member of the configuration decides alike), so no branch grows there.</summary>
    private void ApplyOrRefuse(CpgMember sender, NormalMessage message)
    {
        if (_membershipQuorate)
        {
            ApplyInRound(sender, message);

            // This member's own count may already complete a quorum (a one-node cluster).
            AdvanceStable();
        }
        else if (sender == _cpg.Self)
        {
            Complete(message.RequestId, CfsError.IoError);
        }
    }

    private void ApplyQueue()
    {
        var queued = _queue.ToList();
        _queue.Clear();
        foreach (var (sender, message) in queued)
        {
            ApplyOrRefuse(sender, message);
        }
    }

    /// <summary>
    /// Queued operations of a sync that did not finish are dropped by every member alike (the
    /// membership change is in the same place of everybody's stream), so none of them was applied
    /// anywhere: own callers get EIO and may retry.
    /// </summary>
    private void DropQueue(string reason)
    {
        if (_queue.Count > 0)
        {
            _logger.LogWarning("dropping {Count} queued operations: {Reason}", _queue.Count, reason);
        }

        foreach (var (sender, message) in _queue)
        {
            if (sender == _cpg.Self)
            {
                Complete(message.RequestId, CfsError.IoError);
            }
        }

        _queue.Clear();
    }
}
