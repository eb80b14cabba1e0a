using PveCluster.Core.Text;

namespace PveCluster.Lab.Processes;

/// <summary>Reads this process's mount table (/proc/self/mountinfo).</summary>
public static class MountTable
{
    public static IReadOnlyList<string> MountPoints() =>
        File.ReadLines("/proc/self/mountinfo").Select(MountInfo.Parse).OfType<MountInfo>().Select(m => m.MountPoint).ToList();

    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        return MountPoints().Any(m => string.Equals(m, full, StringComparison.Ordinal));
    }

    public static IReadOnlyList<string> MountPointsBelow(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd('/');
        return MountPoints()
            .Where(m => string.Equals(m, full, StringComparison.Ordinal) || m.StartsWith(full + "/", StringComparison.Ordinal))
            .ToList();
    }
}
