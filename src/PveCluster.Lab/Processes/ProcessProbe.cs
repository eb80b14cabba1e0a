namespace PveCluster.Lab.Processes;

/// <summary>
/// Looks at processes through /proc. A PID is only trusted while its comm still matches what the
/// lab recorded, because PIDs are reused and the lab must never signal a stranger's process.
/// </summary>
public static class ProcessProbe
{
    /// <summary>The kernel truncates comm to 15 bytes.</summary>
    public const int CommLength = 15;

    public static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid, string comm) =>
        string.Equals(ReadComm(pid), comm, StringComparison.Ordinal) && !IsZombie(pid);

    /// <summary>What comm becomes once <paramref name="program"/> is exec'ed.</summary>
    public static string ExpectedComm(string program)
    {
        var name = Path.GetFileName(program);
        return name.Length > CommLength ? name[..CommLength] : name;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // Format: "pid (comm) S ..."; comm may contain spaces and parentheses, so split at the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
