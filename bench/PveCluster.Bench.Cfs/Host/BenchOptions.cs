namespace PveCluster.Bench.Cfs.Host;

/// <summary>What to measure: cluster size, the small-file workload, who writes, and what to compare with.</summary>
/// <param name="Nodes">Lab nodes, each running pmxcfs.</param>
/// <param name="Files">Files to create in total.</param>
/// <param name="Size">Bytes per file.</param>
/// <param name="Writers">Concurrent writers in total (threads of one process per writing node).</param>
/// <param name="Spread">Writers go round-robin over every node instead of all into node 1.</param>
/// <param name="ComparePath">Another pmxcfs binary (or wrapper taking the same command line) run on the same lab after ours.</param>
/// <param name="Json">Print the result as JSON instead of a table.</param>
/// <param name="Join">Time `pvecm create` and `pvecm add` on standalone hosts instead of the pmxcfs workload.</param>
public sealed record BenchOptions(
    int Nodes, int Files, int Size, int Writers = 1, bool Spread = false, string? ComparePath = null, bool Json = false, bool Join = false)
{
    /// <summary>Keep well inside pmxcfs' 128 MiB total and 256 Ki inode limits.</summary>
    public const long MaxTotalBytes = 96L * 1024 * 1024;
    public const int MaxFiles = 100_000;
    public const int MaxFileSize = 1024 * 1024;
    public const int MaxWriters = 64;

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
        if (Writers is < 1 or > MaxWriters)
            yield return $"--writers must be 1..{MaxWriters}, got {Writers}";
        else if (Writers > Files)
            yield return $"--writers ({Writers}) must not exceed --files ({Files})";
        if (ComparePath is not null && !File.Exists(ComparePath))
            yield return $"--compare: no such file: {ComparePath}";
        if (Join && Nodes < 2)
            yield return $"--join needs at least 2 nodes (one to create the cluster, one to join it), got {Nodes}";
        if (Join && ComparePath is not null)
            yield return "--join cannot --compare: there is no other pvecm to run";
    }

    /// <summary>Which node runs how many writer threads, and how many files each of those processes creates.</summary>
    public IReadOnlyList<WriterProcess> WriterPlan()
    {
        var threadsByNode = new int[Spread ? Nodes : 1];
        for (var writer = 0; writer < Writers; writer++)
            threadsByNode[writer % threadsByNode.Length]++;
        var plan = new List<WriterProcess>();
        var assigned = 0;
        var writersBefore = 0;
        for (var index = 0; index < threadsByNode.Length; index++)
        {
            if (threadsByNode[index] == 0)
                continue;
            writersBefore += threadsByNode[index];
            // Files in proportion to threads; the rounding remainder falls to the last process.
            var upTo = (int)((long)Files * writersBefore / Writers);
            plan.Add(new WriterProcess(index + 1, threadsByNode[index], upTo - assigned));
            assigned = upTo;
        }
        return plan;
    }
}

/// <summary>One writer process: the node it runs in, its threads and the files it creates.</summary>
public sealed record WriterProcess(int Node, int Threads, int Files);
