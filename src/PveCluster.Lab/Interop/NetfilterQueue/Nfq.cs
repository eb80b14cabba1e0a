using System.Runtime.InteropServices;

namespace PveCluster.Lab.Interop.NetfilterQueue;

/// <summary>
/// libnetfilter_queue (1.0.x): receive packets an iptables NFQUEUE rule diverts to userspace, and
/// hand back a verdict. Every function is called from the one thread that owns the handle.
/// </summary>
internal static partial class Nfq
{
    public const ushort AF_INET = 2;
    public const byte NFQNL_COPY_META = 1;
    public const uint NF_ACCEPT = 1;

    /// <summary>Opens a netlink handle in the caller's network namespace; null on failure (errno set).</summary>
    [LibraryImport(Libraries.NetfilterQueue, SetLastError = true)]
    public static partial NfqHandle nfq_open();

    /// <summary>Closes the handle; queues must be destroyed first. Raw overload for <see cref="NfqHandle.ReleaseHandle"/>.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_close(nint h);

    /// <summary>Deprecated no-ops on kernels ≥ 3.8, still called for older ones; negative on failure.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_unbind_pf(NfqHandle h, ushort pf);

    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_bind_pf(NfqHandle h, ushort pf);

    /// <summary>
    /// Binds queue <paramref name="num"/>; <paramref name="cb"/> (an unmanaged cdecl function pointer)
    /// runs synchronously inside <see cref="nfq_handle_packet"/>. Null on failure (queue taken).
    /// </summary>
    [LibraryImport(Libraries.NetfilterQueue, SetLastError = true)]
    public static partial NfqQueueHandle nfq_create_queue(NfqHandle h, ushort num, nint cb, nint data);

    /// <summary>Raw overload for <see cref="NfqQueueHandle.ReleaseHandle"/>.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_destroy_queue(nint qh);

    /// <summary>NFQNL_COPY_META: only metadata (packet id) is sent up, not the payload.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_set_mode(NfqQueueHandle qh, byte mode, uint range);

    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_set_queue_maxlen(NfqQueueHandle qh, uint queuelen);

    /// <summary>The netlink socket to poll and recv on; owned by the handle.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_fd(NfqHandle h);

    /// <summary>Parses one received netlink message and calls the queue callback for each packet in it.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_handle_packet(NfqHandle h, byte[] buf, int len);

    /// <summary>Points into <paramref name="nfad"/>; valid only during the callback. Fields are big-endian.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial nint nfq_get_msg_packet_hdr(nint nfad);

    /// <summary>Issues the verdict for packet <paramref name="id"/> (host byte order); no payload change.</summary>
    [LibraryImport(Libraries.NetfilterQueue)]
    public static partial int nfq_set_verdict(NfqQueueHandle qh, uint id, uint verdict, uint data_len, nint buf);
}
