using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop.Libc;

namespace PveCluster.Corosync.Tests.Dispatch;

/// <summary>Drives the real loop (poll + eventfd) with a scripted source standing in for a corosync handle.</summary>
public sealed class DispatchLoopTests : IDisposable
{
    private readonly ScriptedSource _source = new();

    [Fact]
    public void Dispatches_on_a_dedicated_thread_with_room_for_corosyncs_1_MiB_stack_buffer()
    {
        using var loop = new DispatchLoop("test", _source, NullLogger.Instance);
        loop.Start();
        _source.Results.Enqueue(CsError.Ok);
        _source.Fd.Signal();

        Assert.True(_source.Dispatched.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal("corosync-test", _source.DispatchThreadName);
        Assert.False(_source.DispatchOnThreadPool);
    }

    [Fact]
    public void Retries_a_failed_connect_and_reconnects_after_CS_ERR_LIBRARY()
    {
        _source.ConnectFailures = 2;
        using var loop = new DispatchLoop("test", _source, NullLogger.Instance);
        loop.Start();

        _source.Results.Enqueue(CsError.Library);
        _source.Fd.Signal();
        Assert.True(_source.Disconnected.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(CsError.Library, _source.DisconnectReason?.Error);

        // After the loss the loop must connect again by itself.
        Assert.True(SpinWait.SpinUntil(() => _source.SuccessfulConnects >= 2, TimeSpan.FromSeconds(5)));
        Assert.Equal(4, _source.ConnectAttempts);
    }

    [Fact]
    public void Dispose_interrupts_a_blocked_poll_promptly()
    {
        var loop = new DispatchLoop("test", _source, NullLogger.Instance);
        loop.Start();
        Assert.True(SpinWait.SpinUntil(() => _source.SuccessfulConnects == 1, TimeSpan.FromSeconds(5)));

        var started = Environment.TickCount64;
        loop.Dispose();
        Assert.True(Environment.TickCount64 - started < 2000);
    }

    public void Dispose() => _source.Dispose();

    private sealed unsafe class ScriptedSource : IDispatchSource, IDisposable
    {
        public WakeupFd Fd { get; } = new();

        public ConcurrentQueue<CsError> Results { get; } = new();

        public ManualResetEventSlim Dispatched { get; } = new();

        public ManualResetEventSlim Disconnected { get; } = new();

        public int ConnectFailures { get; set; }

        public int ConnectAttempts { get; private set; }

        public int SuccessfulConnects { get; private set; }

        public string? DispatchThreadName { get; private set; }

        public bool DispatchOnThreadPool { get; private set; }

        public CorosyncException? DisconnectReason { get; private set; }

        private bool _connected;

        public int EnsureConnected()
        {
            if (!_connected)
            {
                ConnectAttempts++;
                if (ConnectFailures-- > 0)
                {
                    throw new CorosyncException(CsError.Library, "test_initialize");
                }

                _connected = true;
                SuccessfulConnects++;
            }

            return Fd.Fd;
        }

        public CsError DispatchAll()
        {
            ulong value;
            _ = Libc.read(Fd.Fd, &value, sizeof(ulong));

            // Like cpg_dispatch's 1 MiB IPC buffer (plus margin): this faults on a default-size thread-pool stack.
            Span<byte> buffer = stackalloc byte[(1 << 20) + (512 << 10)];
            buffer[^1] = 1;
            buffer[0] = buffer[^1];

            DispatchThreadName = Thread.CurrentThread.Name;
            DispatchOnThreadPool = Thread.CurrentThread.IsThreadPoolThread;
            Dispatched.Set();
            return Results.TryDequeue(out var result) ? result : CsError.Ok;
        }

        public void Disconnect(CorosyncException reason)
        {
            _connected = false;
            DisconnectReason = reason;
            Disconnected.Set();
        }

        public void Dispose()
        {
            Fd.Dispose();
            Dispatched.Dispose();
            Disconnected.Dispose();
        }
    }
}
