using System.Globalization;

namespace PveCluster.Lab.Services;

/// <summary>Whether a FUSE file system is mounted at a path in a process's mount namespace (/proc/PID/mountinfo).</summary>
public static class FuseMounts
{
    public static bool IsMounted(int pid, string mountPoint)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/mountinfo");
        }
        catch (IOException)
        {
            return false;
        }
        // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS"
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length > 4 && separator > 4 && separator + 1 < fields.Length
                && string.Equals(fields[4], mountPoint, StringComparison.Ordinal)
                && fields[separator + 1].StartsWith("fuse", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
