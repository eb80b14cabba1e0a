namespace PveCluster.Corosync.Quorum;

/// <summary>Tracks whether this node's partition is quorate (libquorum/votequorum notifications).</summary>
public interface IQuorumMonitor : IAsyncDisposable
{
    /// <summary>True while the local partition has quorum.</summary>
    bool IsQuorate { get; }

    /// <summary>Raised on the notification thread whenever the quorate flag changes.</summary>
    event EventHandler<bool>? QuorateChanged;

    /// <summary>The latest notification (quorate flag, ring id, members), or null when none is known.</summary>
    QuorumNotification? Current { get; }

    /// <summary>Raised on the notification thread for every notification (membership or quorum change).</summary>
    event EventHandler<QuorumNotification>? ViewChanged;
}
