using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop.Cpg;
using Native = PveCluster.Corosync.Interop.Cpg.Cpg;

namespace PveCluster.Corosync.Cpg;

/// <summary>The libcpg handle behind <see cref="CpgConnection"/>: callbacks, join/rejoin, multicast.</summary>
internal sealed partial class CpgConnection : CorosyncConnection<SafeCpgHandle>
{
    private readonly byte[] _groupName;
    /// <summary>
    /// Events handed from the dispatch thread to the group's reader. Bounded: when the reader falls
    /// behind, the dispatch thread waits, corosync's queue towards this process fills, and corosync
    /// applies flow control to the senders (TRY_AGAIN) instead of this process buffering without limit.
    /// </summary>
    public const int EventQueueCapacity = 4096;

    private readonly Channel<CpgEvent> _events =
        Channel.CreateBounded<CpgEvent>(new BoundedChannelOptions(EventQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private static readonly TimeSpan RejoinPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _closing = new();
    private readonly CallbackContext<CpgConnection> _context;
    private CpgMember _self;

    private CpgConnection(string groupName, ILogger logger)
        : base("cpg", logger)
    {
        _groupName = Encoding.UTF8.GetBytes(groupName);
        GroupName = groupName;
        _context = new CallbackContext<CpgConnection>(this);
    }

    public string GroupName { get; }

    public CpgMember Self => _self;

    public ChannelReader<CpgEvent> Events => _events.Reader;

    public static async Task<CpgConnection> JoinAsync(string groupName, ILogger logger, CancellationToken cancellationToken)
    {
        var group = new CpgConnection(groupName, logger);
        try
        {
            await Task.Run(group.Connect, cancellationToken).ConfigureAwait(false);
            group.StartDispatch();
            return group;
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var pin = message.Pin();
        nint data;
        unsafe
        {
            data = (nint)pin.Pointer;
        }

        var length = (nuint)message.Length;
        await TryAgainPolicy.RunAsync(() => Multicast(data, length), "cpg_mcast_joined", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>cpg_leave, then cpg_join once corosync finished the leave (it answers BUSY until then).</summary>
    public async Task RejoinAsync(CancellationToken cancellationToken)
    {
        await TryAgainPolicy.RunAsync(LeaveOnce, "cpg_leave", cancellationToken).ConfigureAwait(false);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TryAgainPolicy.DefaultSyncBudget);
        while (true)
        {
            var joined = CsError.Ok;
            await TryAgainPolicy.RunAsync(
                () =>
                {
                    joined = JoinOnce();
                    return joined == CsError.Busy ? CsError.Ok : joined;
                },
                "cpg_join",
                budget.Token).ConfigureAwait(false);
            if (joined != CsError.Busy)
            {
                LogJoined(Logger, GroupName, _self);
                return;
            }

            await Task.Delay(RejoinPollInterval, budget.Token).ConfigureAwait(false);
        }
    }

    private unsafe CsError LeaveOnce()
    {
        var name = MakeName();
        using var request = BeginRequest();
        return request.Complete(Native.cpg_leave(request.Handle, &name));
    }

    private unsafe CsError JoinOnce()
    {
        var name = MakeName();
        using var request = BeginRequest();
        return request.Complete(Native.cpg_join(request.Handle, &name));
    }

    private unsafe CsError Multicast(nint data, nuint length)
    {
        var iov = new IoVec { Base = (void*)data, Length = length };
        using var request = BeginRequest();
        return request.Complete(Native.cpg_mcast_joined(request.Handle, CpgGuarantee.Agreed, &iov, 1));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A dispatch thread waiting for room in the queue must not keep Dispose from stopping it.
            _closing.Cancel();
            TryLeave();
            base.Dispose(disposing);
            _context.Dispose();
            _events.Writer.TryComplete();
        }
    }

    private unsafe void TryLeave()
    {
        try
        {
            var name = MakeName();
            using var request = BeginRequest();
            _ = Native.cpg_leave(request.Handle, &name);
        }
        catch (CorosyncException)
        {
            // Already disconnected: corosync drops us from the group by itself.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    protected override unsafe SafeCpgHandle Open()
    {
        var model = new CpgModelV1Data
        {
            Model = CpgModelV1Data.ModelV1,
            Deliver = &OnDeliver,
            Confchg = &OnConfchg,
            TotemConfchg = &OnTotemConfchg,
            Flags = 0,
        };
        var result = Native.cpg_model_initialize(out var handle, CpgModelV1Data.ModelV1, &model, _context.Pointer);
        if (result != CsError.Ok)
        {
            handle.Dispose();
            Cs.Check(result, "cpg_model_initialize");
        }

        return handle;
    }

    protected override unsafe void OnOpened(SafeCpgHandle handle)
    {
        Cs.Check(Native.cpg_local_get(handle, out var nodeId), "cpg_local_get");
        _self = new CpgMember(nodeId, (uint)Environment.ProcessId);
        TryAgainPolicy.Run(() => Join(handle), "cpg_join", TryAgainPolicy.DefaultSyncBudget);
        LogJoined(Logger, GroupName, _self);
    }

    private unsafe CsError Join(SafeCpgHandle handle)
    {
        var name = MakeName();
        return Native.cpg_join(handle, &name);
    }

    protected override void OnConnectionLost(CorosyncException reason) =>
        Enqueue(new CpgConnectionLost(reason.Message));

    /// <summary>Blocks the dispatch thread while the queue is full; nothing is dropped unless the connection closes.</summary>
    private void Enqueue(CpgEvent cpgEvent)
    {
        try
        {
            while (!_events.Writer.TryWrite(cpgEvent))
            {
                if (!_events.Writer.WaitToWriteAsync(_closing.Token).AsTask().GetAwaiter().GetResult())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing: the reader is gone.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    protected override CsError GetFd(SafeCpgHandle handle, out int fd) => Native.cpg_fd_get(handle, out fd);

    protected override CsError Dispatch(SafeCpgHandle handle) => Native.cpg_dispatch(handle, Interop.CsDispatchFlags.All);

    private unsafe CpgName MakeName()
    {
        var name = new CpgName { Length = (uint)_groupName.Length };
        _groupName.CopyTo(new Span<byte>(name.Value, CpgName.MaxLength));
        return name;
    }

    private static CpgConnection? Resolve(ulong handle) =>
        Native.cpg_context_get(handle, out var context) == CsError.Ok ? CallbackContext<CpgConnection>.Resolve(context) : null;

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static unsafe void OnDeliver(ulong handle, CpgName* group, uint nodeId, uint pid, void* message, nuint length)
    {
        var self = Resolve(handle);
        if (self is null)
        {
            return;
        }

        try
        {
            // The buffer is library-owned and only valid during this callback.
            var payload = new ReadOnlySpan<byte>(message, checked((int)length)).ToArray();
            self.Enqueue(new CpgMessageDelivered(new CpgMember(nodeId, pid), payload));
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCallbackFailed(self.Logger, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static unsafe void OnConfchg(
        ulong handle, CpgName* group, CpgAddress* members, nuint memberCount, CpgAddress* left, nuint leftCount,
        CpgAddress* joined, nuint joinedCount)
    {
        var self = Resolve(handle);
        if (self is null)
        {
            return;
        }

        try
        {
            var change = new CpgConfigurationChanged(
                ToMembers(members, memberCount), ToMembers(left, leftCount), ToMembers(joined, joinedCount));
            LogConfigurationChanged(self.Logger, self.GroupName, change.Members.Count, change.Left.Count, change.Joined.Count);
            self.Enqueue(change);
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCallbackFailed(self.Logger, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static unsafe void OnTotemConfchg(ulong handle, Interop.RingIdNative ringId, uint memberCount, uint* members)
    {
        var self = Resolve(handle);
        if (self is null)
        {
            return;
        }

        try
        {
            var nodes = new ReadOnlySpan<uint>(members, (int)memberCount).ToArray();
            self.Enqueue(new CpgRingChanged(new RingId(ringId.NodeId, ringId.Seq), nodes));
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCallbackFailed(self.Logger, ex);
        }
    }

    private static unsafe CpgMember[] ToMembers(CpgAddress* addresses, nuint count)
    {
        var result = new CpgMember[(int)count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new CpgMember(addresses[i].NodeId, addresses[i].Pid);
        }

        Array.Sort(result);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "joined CPG group {Group} as {Self}")]
    private static partial void LogJoined(ILogger logger, string group, CpgMember self);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CPG {Group}: {Members} members, {Left} left, {Joined} joined")]
    private static partial void LogConfigurationChanged(ILogger logger, string group, int members, int left, int joined);

    [LoggerMessage(Level = LogLevel.Error, Message = "CPG callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);
}
