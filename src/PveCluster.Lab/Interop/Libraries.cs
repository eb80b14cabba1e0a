namespace PveCluster.Lab.Interop;

/// <summary>Sonames of the native libraries the lab loads (only the packet-delay holder needs any).</summary>
internal static class Libraries
{
    public const string NetfilterQueue = "libnetfilter_queue.so.1";
    public const string Libc = "libc";
}
