namespace PveCluster.Bench.Cfs.Host;

/// <summary>What to measure: cluster size and the small-file workload.</summary>
public sealed record BenchOptions(int Nodes, int Files, int Size)
{
    /// <summary>Keep well inside pmxcfs' 128 MiB total and 256 Ki inode limits.</summary>
    public const long MaxTotalBytes = 96L * 1024 * 1024;
    public const int MaxFiles = 100_000;
    public const int MaxFileSize = 1024 * 1024;

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Nodes is < 1 or > 16)
            yield return $"--nodes must be 1..16, got {Nodes}";
        if (Files is < 1 or > MaxFiles)
            yield return $"--files must be 1..{MaxFiles}, got {Files}";
        if (Size is < 0 or > MaxFileSize)
            yield return $"--size must be 0..{MaxFileSize} bytes (pmxcfs' per-file limit), got {Size}";
        if ((long)Files * Size > MaxTotalBytes)
            yield return $"--files x --size = {(long)Files * Size} bytes exceeds {MaxTotalBytes} (pmxcfs holds at most 128 MiB in total)";
    }
}
