using System.Globalization;

namespace PveCluster.Api.Tasks;

/// <summary>
/// This process's start time in clock ticks since boot (field 22 of /proc/self/stat). With the pid it identifies
/// the process that owns a task even after pid reuse.
/// </summary>
public static class ProcessStartTime
{
    public static ulong Read()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int StartTimeField = 22 - 3;
        return ulong.Parse(fields[StartTimeField], CultureInfo.InvariantCulture);
    }
}
