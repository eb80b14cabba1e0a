namespace PveCluster.Cfs.Tests.Persistence;

/// <summary>What a kill -9 leaves on disk: a copy of the database files taken while their connection is still open.</summary>
internal static class CrashImage
{
    /// <summary>Copies <paramref name="database"/> and its WAL to <paramref name="target"/> (the shared-memory index is rebuilt on open).</summary>
    public static void Take(string database, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Delete(target + suffix);
            if (File.Exists(database + suffix))
            {
                using var input = new FileStream(database + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var output = File.Create(target + suffix);
                input.CopyTo(output);
            }
        }

        File.Delete(target + "-shm");
    }
}
