using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PveCluster.Lab.Interop.Libc;
using PveCluster.Lab.Interop.NetfilterQueue;

namespace PveCluster.Lab.Delay;

/// <summary>
/// The userspace half of `pvelab delay` (the kernel has no netem): an iptables NFQUEUE rule in the
/// node diverts its egress packets to a queue; this loop accepts each one a fixed time after it
/// arrived, in arrival order. The rule uses --queue-bypass, so traffic flows undelayed if this dies.
/// </summary>
internal sealed class PacketDelayHolder : IDisposable
{
    /// <summary>Beyond this many held packets new ones pass at once, so a flood cannot exhaust memory.</summary>
    private const int MaxHeld = 32768;

    private const int MaxPollMs = 100;

    // The callback runs synchronously inside nfq_handle_packet on the loop thread; one holder per process.
    private static PacketDelayHolder? _current;

    private readonly Queue<(uint PacketId, long DueTimestamp)> _held = new();
    private readonly long _delayTicks;
    private readonly NfqHandle _handle;
    private readonly NfqQueueHandle _queue;
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[65536];

    private PacketDelayHolder(ushort queueNumber, TimeSpan delay)
    {
        _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        _handle = Nfq.nfq_open();
        if (_handle.IsInvalid)
        {
            throw new LabException($"nfq_open failed (errno {Marshal.GetLastPInvokeError()}); run as root inside the node");
        }
        _ = Nfq.nfq_unbind_pf(_handle, Nfq.AF_INET);
        if (Nfq.nfq_bind_pf(_handle, Nfq.AF_INET) < 0)
        {
            throw new LabException("nfq_bind_pf failed");
        }
        unsafe
        {
            _queue = Nfq.nfq_create_queue(_handle, queueNumber, (nint)(delegate* unmanaged[Cdecl]<nint, nint, nint, nint, int>)&OnPacket, 0);
        }
        if (_queue.IsInvalid)
        {
            throw new LabException($"cannot bind NFQUEUE {queueNumber} (errno {Marshal.GetLastPInvokeError()}): is another holder running?");
        }
        if (Nfq.nfq_set_mode(_queue, Nfq.NFQNL_COPY_META, 0) < 0)
        {
            throw new LabException("nfq_set_mode failed");
        }
        _ = Nfq.nfq_set_queue_maxlen(_queue, MaxHeld);
        _fd = Nfq.nfq_fd(_handle);
    }

    /// <summary>Holds packets of queue <paramref name="queueNumber"/> for <paramref name="delay"/> until cancelled.</summary>
    /// <param name="queueNumber">NFQUEUE number the iptables rule sends packets to.</param>
    /// <param name="delay">How long each packet is held.</param>
    /// <param name="onReady">Called once the queue is bound (before that, the iptables rule must not exist).</param>
    /// <param name="cancellationToken">Stops the loop; held packets are released at once.</param>
    public static void Run(ushort queueNumber, TimeSpan delay, Action onReady, CancellationToken cancellationToken)
    {
        using var holder = new PacketDelayHolder(queueNumber, delay);
        _current = holder;
        onReady();
        try
        {
            holder.Loop(cancellationToken);
        }
        finally
        {
            holder.ReleaseAll();
            _current = null;
        }
    }

    public void Dispose()
    {
        _queue.Dispose();
        _handle.Dispose();
    }

    private void Loop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ReleaseDue();
            var poll = new Libc.PollFd { fd = _fd, events = Libc.POLLIN };
            var ready = Libc.poll(ref poll, 1, NextTimeoutMs());
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }
                throw new LabException($"poll failed (errno {errno})");
            }
            if (ready > 0)
            {
                Drain();
            }
        }
    }

    private void Drain()
    {
        while (true)
        {
            var length = Libc.recv(_fd, _buffer, (nuint)_buffer.Length, Libc.MSG_DONTWAIT);
            if (length < 0)
            {
                // ENOBUFS means the kernel dropped queue messages; with --queue-bypass nothing stalls. Anything else: empty.
                return;
            }
            _ = Nfq.nfq_handle_packet(_handle, _buffer, (int)length);
        }
    }

    private void ReleaseDue()
    {
        var now = Stopwatch.GetTimestamp();
        while (_held.TryPeek(out var next) && next.DueTimestamp <= now)
        {
            _held.Dequeue();
            Accept(next.PacketId);
        }
    }

    private void ReleaseAll()
    {
        while (_held.TryDequeue(out var next))
        {
            Accept(next.PacketId);
        }
    }

    private int NextTimeoutMs()
    {
        if (!_held.TryPeek(out var next))
        {
            return MaxPollMs;
        }
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next.DueTimestamp);
        return Math.Clamp((int)Math.Ceiling(remaining.TotalMilliseconds), 0, MaxPollMs);
    }

    private void Accept(uint packetId) => _ = Nfq.nfq_set_verdict(_queue, packetId, Nfq.NF_ACCEPT, 0, 0);

    private void Hold(uint packetId)
    {
        if (_held.Count >= MaxHeld)
        {
            Accept(packetId);
            return;
        }
        _held.Enqueue((packetId, Stopwatch.GetTimestamp() + _delayTicks));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnPacket(nint queue, nint message, nint data, nint context)
    {
        var header = Nfq.nfq_get_msg_packet_hdr(data);
        if (header == 0 || _current is not { } holder)
        {
            return 0;
        }
        // struct nfqnl_msg_packet_hdr starts with the packet id in network byte order.
        var packetId = BinaryPrimitives.ReverseEndianness((uint)Marshal.ReadInt32(header));
        holder.Hold(packetId);
        return 0;
    }
}
