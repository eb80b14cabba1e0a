using System.Globalization;

namespace PveCluster.Lifecycle.Locking;

/// <summary>A taken lock as seen from outside: since when (the directory's mtime, as pmxcfs keeps it) and by whom.</summary>
internal sealed record ClusterLockState(DateTimeOffset Since, ClusterLockHolder? Holder)
{
    /// <summary>The lock at <paramref name="path"/>, or null when it is free.</summary>
    public static ClusterLockState? Read(string path)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists)
        {
            return null;
        }

        string? owner;
        try
        {
            owner = File.ReadAllText(Path.Combine(path, ClusterLockHolder.FileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            owner = null; // just created, not yet described, or made by a tool that does not describe its locks
        }

        return new ClusterLockState(new DateTimeOffset(directory.LastWriteTimeUtc, TimeSpan.Zero), ClusterLockHolder.Parse(owner));
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Holder is null ? "an unknown holder" : $"{Holder.Node} (pid {Holder.ProcessId})")} (since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");
}
