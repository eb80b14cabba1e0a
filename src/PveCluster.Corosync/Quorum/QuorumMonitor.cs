using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop;
using PveCluster.Corosync.Interop.Quorum;

using Native = PveCluster.Corosync.Interop.Quorum.Quorum;

namespace PveCluster.Corosync.Quorum;

/// <summary>
/// Follows libquorum (model v1) notifications on a dedicated dispatch thread. While corosync is
/// unreachable the partition counts as not quorate; the monitor reconnects by itself.
/// </summary>
public sealed partial class QuorumMonitor : IQuorumMonitor
{
    private readonly Connection _connection;
    private readonly TaskCompletionSource<QuorumNotification> _firstView = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile QuorumNotification? _current;

    private QuorumMonitor(ILogger logger) => _connection = new Connection(this, logger);

    /// <inheritdoc/>
    public bool IsQuorate => _current?.IsQuorate ?? false;

    /// <summary>The latest view, or null before the first notification and after a connection loss.</summary>
    public QuorumNotification? Current => _current;

    /// <summary>True when corosync has a quorum provider (quorum_initialize reported QUORUM_SET).</summary>
    public bool ProviderConfigured { get; private set; }

    /// <inheritdoc/>
    public event EventHandler<bool>? QuorateChanged;

    /// <summary>Raised on the notification thread for every view (membership or quorum change).</summary>
    public event EventHandler<QuorumNotification>? ViewChanged;

    /// <summary>
    /// Connects, starts tracking (current state plus changes) and completes once the first view
    /// arrived. Throws <see cref="CorosyncException"/> with <see cref="CsError.Library"/> when corosync is not running.
    /// </summary>
    public static async Task<QuorumMonitor> StartAsync(ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var monitor = new QuorumMonitor(logger ?? NullLogger.Instance);
        try
        {
            await Task.Run(monitor._connection.Start, cancellationToken).ConfigureAwait(false);
            await monitor._firstView.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return monitor;
        }
        catch
        {
            await monitor.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Publish(QuorumNotification? view)
    {
        var wasQuorate = IsQuorate;
        _current = view;
        if (view is not null)
        {
            _firstView.TrySetResult(view);
            ViewChanged?.Invoke(this, view);
        }

        if (wasQuorate != IsQuorate)
        {
            LogQuorateChanged(_connection.Log, IsQuorate);
            QuorateChanged?.Invoke(this, IsQuorate);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "partition quorate: {Quorate}")]
    private static partial void LogQuorateChanged(ILogger logger, bool quorate);

    [LoggerMessage(Level = LogLevel.Error, Message = "quorum callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);

    private sealed class Connection : CorosyncConnection<SafeQuorumHandle>
    {
        private readonly QuorumMonitor _owner;
        private readonly CallbackContext<QuorumMonitor> _context;

        public Connection(QuorumMonitor owner, ILogger logger)
            : base("quorum", logger)
        {
            _owner = owner;
            _context = new CallbackContext<QuorumMonitor>(owner);
        }

        public ILogger Log => Logger;

        public void Start()
        {
            Connect();
            StartDispatch();
        }

        protected override unsafe SafeQuorumHandle Open()
        {
            var model = new QuorumModelV1Data
            {
                Model = QuorumModelV1Data.ModelV1,
                QuorumNotify = &OnQuorumNotify,
                NodelistNotify = &OnNodelistNotify,
            };
            var result = Native.quorum_model_initialize(out var handle, QuorumModelV1Data.ModelV1, &model, out var type, _context.Pointer);
            if (result != CsError.Ok)
            {
                handle.Dispose();
                Cs.Check(result, "quorum_model_initialize");
            }

            _owner.ProviderConfigured = type == 1;
            return handle;
        }

        protected override void OnOpened(SafeQuorumHandle handle) =>
            Cs.Check(Native.quorum_trackstart(handle, CsTrackFlags.Current | CsTrackFlags.Changes), "quorum_trackstart");

        protected override void OnConnectionLost(CorosyncException reason) => _owner.Publish(null);

        protected override CsError GetFd(SafeQuorumHandle handle, out int fd) => Native.quorum_fd_get(handle, out fd);

        protected override CsError Dispatch(SafeQuorumHandle handle) => Native.quorum_dispatch(handle, CsDispatchFlags.All);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _context.Dispose();
            }
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static unsafe void OnQuorumNotify(ulong handle, uint quorate, RingIdNative ringId, uint memberCount, uint* members)
        {
            if (Native.quorum_context_get(handle, out var context) != CsError.Ok
                || CallbackContext<QuorumMonitor>.Resolve(context) is not { } owner)
            {
                return;
            }

            try
            {
                var list = new ReadOnlySpan<uint>(members, (int)memberCount).ToArray();
                owner.Publish(new QuorumNotification(quorate != 0, new RingId(ringId.NodeId, ringId.Seq), list));
            }
#pragma warning disable CA1031 // an exception must never unwind into native code (subscriber code runs here)
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(owner._connection.Log, ex);
            }
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static unsafe void OnNodelistNotify(
            ulong handle, RingIdNative ringId, uint memberCount, uint* members, uint joinedCount, uint* joined, uint leftCount, uint* left)
        {
            // The quorum notification that follows carries the same member list plus the quorate flag.
        }
    }
}
