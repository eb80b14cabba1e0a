namespace PveCluster.Corosync.Dispatch;

/// <summary>What <see cref="DispatchLoop"/> drives. Every member is called on the dispatch thread.</summary>
internal interface IDispatchSource
{
    /// <summary>Ensures a live connection and returns its pollable fd; throws <see cref="CorosyncException"/> when corosync is unreachable.</summary>
    int EnsureConnected();

    /// <summary>Runs <c>*_dispatch(CS_DISPATCH_ALL)</c>; callbacks fire inside this call.</summary>
    CsError DispatchAll();

    /// <summary>Finalizes a dead handle. Called only from the dispatch thread so no callback can race the finalize.</summary>
    void Disconnect(CorosyncException reason);
}
