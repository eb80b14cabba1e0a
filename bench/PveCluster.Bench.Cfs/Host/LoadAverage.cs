namespace PveCluster.Bench.Cfs.Host;

/// <summary>The machine's 1, 5 and 15 minute load averages as /proc/loadavg shows them.</summary>
public static class LoadAverage
{
    public static string Read()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException e)
        {
            return $"unknown ({e.Message})";
        }
    }
}
