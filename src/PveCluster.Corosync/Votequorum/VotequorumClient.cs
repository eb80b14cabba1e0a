using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop;
using PveCluster.Corosync.Interop.Votequorum;

using Native = PveCluster.Corosync.Interop.Votequorum.Votequorum;

namespace PveCluster.Corosync.Votequorum;

/// <summary>
/// libvotequorum: vote/quorum information per node, setting expected votes, and (after
/// <see cref="StartTracking"/>) notifications on a dedicated dispatch thread.
/// </summary>
public sealed partial class VotequorumClient : IDisposable
{
    private readonly Connection _connection;
    private readonly TaskCompletionSource<VotequorumMembership> _firstMembership = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile VotequorumMembership? _membership;

    private VotequorumClient(ILogger logger) => _connection = new Connection(this, logger);

    /// <summary>Latest quorum notification (null until tracking delivered one).</summary>
    public VotequorumMembership? Membership => _membership;

    /// <summary>Raised on the dispatch thread for each quorum notification.</summary>
    public event EventHandler<VotequorumMembership>? MembershipChanged;

    /// <summary>Raised on the dispatch thread when expected votes change (e.g. after <see cref="SetExpectedVotesAsync"/>).</summary>
    public event EventHandler<uint>? ExpectedVotesChanged;

    /// <summary>Raised on the dispatch thread with the ring id and member list of each new membership.</summary>
    public event EventHandler<(RingId RingId, IReadOnlyList<uint> Members)>? NodeListChanged;

    /// <summary>Connects now; throws <see cref="CorosyncException"/> with <see cref="CsError.Library"/> when corosync is not running.</summary>
    public static VotequorumClient Connect(ILogger? logger = null)
    {
        var client = new VotequorumClient(logger ?? NullLogger.Instance);
        return ClientConnector.ConnectOrDispose(client, client._connection.Connect);
    }

    /// <summary>votequorum_getinfo. <paramref name="nodeId"/> 0 = the local node. CS_ERR_NOT_EXIST for unknown nodes.</summary>
    public unsafe VotequorumInfo GetInfo(uint nodeId = 0)
    {
        VotequorumInfoNative info = default;
        using (var request = _connection.Begin())
        {
            Cs.Check(request.Complete(Native.votequorum_getinfo(request.Handle, nodeId, &info)), "votequorum_getinfo");
        }

        var nameBytes = new ReadOnlySpan<byte>(info.QdeviceName, VotequorumInfoNative.QdeviceNameLength);
        var end = nameBytes.IndexOf((byte)0);
        var name = Encoding.UTF8.GetString(end < 0 ? nameBytes : nameBytes[..end]);
        return new VotequorumInfo(
            info.NodeId, (VotequorumNodeState)info.NodeState, info.NodeVotes, info.NodeExpectedVotes, info.HighestExpected,
            info.TotalVotes, info.Quorum, (VotequorumFlags)info.Flags, info.QdeviceVotes, name);
    }

    /// <summary>The registered quorum device as <paramref name="nodeId"/> (0 = local) sees it, or null when none is registered.</summary>
    public VotequorumQdevice? GetQdevice(uint nodeId = 0)
    {
        var info = GetInfo(nodeId);
        return info.HasQdevice
            ? new VotequorumQdevice(
                info.QdeviceName,
                info.QdeviceVotes,
                info.Flags.HasFlag(VotequorumFlags.QdeviceAlive),
                info.Flags.HasFlag(VotequorumFlags.QdeviceCastVote),
                info.Flags.HasFlag(VotequorumFlags.QdeviceMasterWins))
            : null;
    }

    /// <summary>
    /// votequorum_setexpected (= corosync-quorumtool -e). Corosync refuses values below the
    /// partition's total votes with CS_ERR_INVALID_PARAM; TRY_AGAIN is retried.
    /// </summary>
    public Task SetExpectedVotesAsync(uint expectedVotes, CancellationToken cancellationToken) =>
        TryAgainPolicy.RunAsync(() => SetExpectedOnce(expectedVotes), "votequorum_setexpected", cancellationToken);

    private CsError SetExpectedOnce(uint expectedVotes)
    {
        using var request = _connection.Begin();
        return request.Complete(Native.votequorum_setexpected(request.Handle, expectedVotes));
    }

    /// <summary>Starts votequorum_trackstart(CURRENT|CHANGES) on a dispatch thread; re-armed after reconnects.</summary>
    public void StartTracking() => _connection.StartTracking();

    /// <summary>Starts tracking if needed and waits for the first quorum notification (the node list with states).</summary>
    public async Task<VotequorumMembership> GetMembershipAsync(CancellationToken cancellationToken)
    {
        StartTracking();
        return await _firstMembership.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _connection.Dispose();

    private void PublishMembership(VotequorumMembership membership)
    {
        _membership = membership;
        _firstMembership.TrySetResult(membership);
        MembershipChanged?.Invoke(this, membership);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "votequorum callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);

    /// <summary>
    /// votequorum has no context_get; it hands the trackstart context (a GCHandle) to each callback.
    /// </summary>
    private sealed class Connection : CorosyncConnection<SafeVotequorumHandle>
    {
        private readonly VotequorumClient _owner;
        private readonly CallbackContext<VotequorumClient> _context;
        private int _tracking;

        public Connection(VotequorumClient owner, ILogger logger)
            : base("votequorum", logger)
        {
            _owner = owner;
            _context = new CallbackContext<VotequorumClient>(owner);
        }

        public Request Begin() => BeginRequest();

        public void StartTracking()
        {
            if (Interlocked.Exchange(ref _tracking, 1) == 0)
            {
                using (var request = BeginRequest())
                {
                    Arm(request.Handle);
                }

                StartDispatch();
            }
        }

        private void Arm(SafeVotequorumHandle handle) =>
            Cs.Check(
                Native.votequorum_trackstart(handle, (ulong)_context.Pointer, CsTrackFlags.Current | CsTrackFlags.Changes),
                "votequorum_trackstart");

        protected override unsafe SafeVotequorumHandle Open()
        {
            var callbacks = new VotequorumCallbacks
            {
                QuorumNotify = &OnQuorumNotify,
                ExpectedVotesNotify = &OnExpectedVotesNotify,
                NodelistNotify = &OnNodelistNotify,
            };
            var result = Native.votequorum_initialize(out var handle, &callbacks);
            if (result != CsError.Ok)
            {
                handle.Dispose();
                Cs.Check(result, "votequorum_initialize");
            }

            return handle;
        }

        protected override void OnOpened(SafeVotequorumHandle handle)
        {
            if (Volatile.Read(ref _tracking) == 1)
            {
                Arm(handle);
            }
        }

        protected override CsError GetFd(SafeVotequorumHandle handle, out int fd) => Native.votequorum_fd_get(handle, out fd);

        protected override CsError Dispatch(SafeVotequorumHandle handle) => Native.votequorum_dispatch(handle, CsDispatchFlags.All);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _context.Dispose();
            }
        }

        private static void Guard(ulong context, Action<VotequorumClient> action)
        {
            if (CallbackContext<VotequorumClient>.Resolve((nint)context) is not { } owner)
            {
                return;
            }

            try
            {
                action(owner);
            }
#pragma warning disable CA1031 // an exception must never unwind into native code (subscriber code runs here)
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(owner._connection.Logger, ex);
            }
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static unsafe void OnQuorumNotify(ulong handle, ulong context, uint quorate, uint nodeCount, VotequorumNodeNative* nodes)
        {
            var list = new VotequorumNode[nodeCount];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = new VotequorumNode(nodes[i].NodeId, (VotequorumNodeState)nodes[i].State);
            }

            Guard(context, owner => owner.PublishMembership(new VotequorumMembership(quorate != 0, list)));
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static void OnExpectedVotesNotify(ulong handle, ulong context, uint expectedVotes) =>
            Guard(context, owner => owner.ExpectedVotesChanged?.Invoke(owner, expectedVotes));

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static unsafe void OnNodelistNotify(ulong handle, ulong context, RingIdNative ringId, uint nodeCount, uint* nodes)
        {
            var list = new ReadOnlySpan<uint>(nodes, (int)nodeCount).ToArray();
            var ring = new RingId(ringId.NodeId, ringId.Seq);
            Guard(context, owner => owner.NodeListChanged?.Invoke(owner, (ring, list)));
        }
    }
}
