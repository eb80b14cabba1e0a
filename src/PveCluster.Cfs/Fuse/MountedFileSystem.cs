using Microsoft.Extensions.Logging;

namespace PveCluster.Cfs.Fuse;

/// <summary>What the native callbacks reach through libfuse's private_data pointer.</summary>
internal sealed class MountedFileSystem(CfsFileSystem fileSystem, ILogger logger)
{
    public CfsFileSystem FileSystem { get; } = fileSystem;

    public void ReportFailure(Exception exception)
    {
        if (exception is OperationCanceledException)
            logger.LogWarning("a FUSE operation was interrupted because the daemon is stopping");
        else
            logger.LogError(exception, "FUSE operation failed with an unexpected exception");
    }
}
