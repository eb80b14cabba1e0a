using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// The tree replicated over a CPG group (pmxcfs' dfsm). Every mutation is multicast as a normal
/// message and applied by every member in corosync's total order; the caller's task completes
/// with the result of that ordered application once a quorum of the configured votes holds it
/// (see the Stability part). After every configuration change the members exchange their states
/// and adopt the leader's tree before ordered operations resume.
///
/// Threading: CPG events are handled one at a time by the loop started in <see cref="StartAsync"/>,
/// votequorum notifications by a watcher that takes turns with it; reads and submissions may come
/// from any thread.
/// </summary>
public sealed partial class ReplicatedConfigTree : ConfigTreeBase, IAsyncDisposable
{
    private readonly ICpgGroup _cpg;
    private readonly IQuorumMonitor _quorum;
    private readonly IVoteQuorum _votes;
    private readonly ReplicationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<CfsError>> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextRequestId;
    private volatile SyncMode _mode = SyncMode.Start;
    private volatile List<CpgMember> _members = [];
    private Task? _loop;
    private Task? _verifyLoop;
    private int _disposed;

    /// <param name="database">The opened database; the caller keeps ownership.</param>
    /// <param name="cpg">The joined group of the file tree (one group per service).</param>
    /// <param name="quorum">Gates mutations: without quorum they fail with <see cref="CfsError.AccessDenied"/>.</param>
    /// <param name="votes">Whether a set of nodes holds a quorum of the configured votes (acknowledgements and the membership's own quorum).</param>
    /// <param name="localNodeId">This node's corosync node id (must equal <c>cpg.Self.NodeId</c>).</param>
    /// <param name="logger">Protocol and disk events.</param>
    /// <param name="timeProvider">Clock for the timestamps of submitted operations (tests pin it).</param>
    /// <param name="options">Acknowledgement wait bound and verify interval (defaults when null).</param>
    public ReplicatedConfigTree(
        ConfigDatabase database,
        ICpgGroup cpg,
        IQuorumMonitor quorum,
        IVoteQuorum votes,
        uint localNodeId,
        ILogger logger,
        TimeProvider? timeProvider = null,
        ReplicationOptions? options = null)
        : base(database)
    {
        ArgumentNullException.ThrowIfNull(cpg);
        ArgumentNullException.ThrowIfNull(quorum);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(logger);
        if (cpg.Self.NodeId != localNodeId)
        {
            throw new ArgumentException($"the CPG member {cpg.Self} does not belong to node {localNodeId}", nameof(localNodeId));
        }

        _cpg = cpg;
        _quorum = quorum;
        _votes = votes;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new ReplicationOptions();
    }

    /// <summary>Raised (on the event loop) whenever <see cref="Mode"/> or <see cref="Members"/> changed.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>
    /// Writable while corosync reports quorum, the CPG membership itself holds a quorum of the
    /// configured votes, and joined (a write during a sync is queued and applied once synced).
    /// </summary>
    public override bool IsWritable => _quorum.IsQuorate && _membershipQuorate && _mode is SyncMode.StartSync or SyncMode.Update or SyncMode.Synced;

    public SyncMode Mode => _mode;

    /// <summary>True once this member holds the same tree as the rest of its partition.</summary>
    public bool IsSynced => _mode == SyncMode.Synced;

    /// <summary>The current CPG membership (sorted), empty when not joined.</summary>
    public IReadOnlyList<CpgMember> Members => _members;

    /// <summary>The node ids that currently run pmxcfs in this partition (for <c>.members</c>' online flag).</summary>
    public IReadOnlyList<uint> MemberNodeIds => _members.Select(m => m.NodeId).Distinct().Order().ToList();

    /// <summary>Starts handling the group's events; returns at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_loop is not null)
        {
            throw new InvalidOperationException("the replicated tree is already started");
        }

        _quorum.ViewChanged += SignalVotequorumChanged;
        _votequorumChanged.Writer.TryWrite(true);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        _votequorumLoop = Task.Run(() => WatchVotequorumAsync(_stopping.Token), CancellationToken.None);
        _verifyLoop = Task.Run(() => VerifyPeriodicallyAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the event loop; waiting callers fail with <see cref="CfsError.IoError"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _quorum.ViewChanged -= SignalVotequorumChanged;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_votequorumLoop is not null)
        {
            await _votequorumLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_verifyLoop is not null)
        {
            await _verifyLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        LeaveGroup("stopped");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _eventGate.Dispose();
        Dispose();
    }

    private protected override async Task<CfsError> SubmitAsync(TreeOperation operation, CancellationToken cancellationToken)
    {
        if (!IsWritable)
        {
            return CfsError.AccessDenied;
        }

        var requestId = (ulong)Interlocked.Increment(ref _nextRequestId);
        var completion = new TaskCompletionSource<CfsError>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = completion;
        var message = new NormalMessage(requestId, _time.GetUtcNow().ToUnixTimeSeconds(), operation);
        try
        {
            await _cpg.SendAsync(MessageCodec.Encode(message), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _pending.TryRemove(requestId, out _);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _pending.TryRemove(requestId, out _);
            _logger.LogError(e, "cannot multicast {Operation}", operation.GetType().Name);
            return CfsError.IoError;
        }

        // Cancelling after the send only stops the wait: the operation may still be applied everywhere.
        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(requestId, out var waiting))
            {
                waiting.TrySetCanceled(cancellationToken);
            }
        });
        try
        {
            return await completion.Task.WaitAsync(_options.AcknowledgementTimeout, _time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The outcome is unknown (it may still become held by a quorum, or be discarded): EIO.
            _pending.TryRemove(requestId, out _);
            _logger.LogWarning("{Operation} was not acknowledged by a quorum within {Timeout}", operation.GetType().Name, _options.AcknowledgementTimeout);
            return CfsError.IoError;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var cpgEvent in _cpg.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _eventGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await HandleEventAsync(cpgEvent, cancellationToken).ConfigureAwait(false);
                    // Once per batch; under a steady stream also every so many operations, so that
                    // writers elsewhere are not kept waiting for a pause that does not come.
                    if (!_cpg.Events.TryPeek(out _) || HasLongUncommittedRun)
                    {
                        await OnIdleAsync(cancellationToken).ConfigureAwait(false);
                    }
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

    private void Complete(ulong requestId, CfsError result)
    {
        if (_pending.TryRemove(requestId, out var waiting))
        {
            waiting.TrySetResult(result);
        }
    }

    private void FailAllPending(string reason)
    {
        foreach (var requestId in _pending.Keys)
        {
            if (_pending.TryRemove(requestId, out var waiting))
            {
                _logger.LogWarning("request {RequestId} failed: {Reason}", requestId, reason);
                waiting.TrySetResult(CfsError.IoError);
            }
        }
    }

    private void SetMode(SyncMode mode)
    {
        if (_mode == mode)
        {
            return;
        }

        _logger.LogInformation("sync mode {Old} -> {New}", _mode, mode);
        _mode = mode;
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }
}
