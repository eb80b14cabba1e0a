using Microsoft.Extensions.Logging;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// One pmxcfs per database: an exclusive lock on .pmxcfs.lockfile beside it (flock, as .NET implements FileShare.None
/// on Linux), held until the process ends. The guide's procedures run <c>killall pmxcfs</c> and at once
/// <c>systemctl start pve-cluster</c>: the new instance waits while the old one still unmounts, instead of mounting
/// over it and opening the same database. Like Proxmox's pmxcfs it retries for about 10 seconds, then gives up.
/// </summary>
internal static class InstanceLock
{
    public const string FileName = ".pmxcfs.lockfile";
    public const int DefaultAttempts = 11;
    private static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>Takes the lock (dispose to release), or throws <see cref="IOException"/> when another instance keeps it.</summary>
    public static async Task<IDisposable> AcquireAsync(
        string databasePath, ILogger logger, CancellationToken cancellationToken, int attempts = DefaultAttempts, TimeSpan? retryInterval = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (attempt < attempts && e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (attempt == 1)
                    logger.LogWarning("unable to acquire the pmxcfs lock {Path} (another pmxcfs runs or is stopping) - trying again", path);
                await Task.Delay(retryInterval ?? DefaultRetryInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IOException($"unable to acquire the pmxcfs lock {path}: another pmxcfs is running", e);
            }
        }
    }
}
