using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Fuse;

/// <summary>The one place where results and exceptions become the negative errno libfuse expects.</summary>
internal static class ErrnoMapping
{
    /// <summary>0 for success, otherwise -errno (CfsError values are errno numbers by design).</summary>
    public static int ToResult(CfsError error) => -(int)error;

    public static int FromException(Exception exception) => exception switch
    {
        AggregateException { InnerException: { } inner } => FromException(inner),
        // The daemon is stopping: the ordered result will never arrive.
        OperationCanceledException => -Errno.EIO,
        TimeoutException => -Errno.ETIMEDOUT,
        UnauthorizedAccessException => -Errno.EACCES,
        FileNotFoundException or DirectoryNotFoundException => -Errno.ENOENT,
        ArgumentException => -Errno.EINVAL,
        _ => -Errno.EIO,
    };
}
