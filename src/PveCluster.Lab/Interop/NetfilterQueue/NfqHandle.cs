using Microsoft.Win32.SafeHandles;

namespace PveCluster.Lab.Interop.NetfilterQueue;

/// <summary>An nfq_handle from nfq_open; closed with nfq_close.</summary>
internal sealed class NfqHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NfqHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Nfq.nfq_close(handle) == 0;
}

/// <summary>An nfq_q_handle from nfq_create_queue; destroyed with nfq_destroy_queue (before its NfqHandle closes).</summary>
internal sealed class NfqQueueHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NfqQueueHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Nfq.nfq_destroy_queue(handle) == 0;
}
