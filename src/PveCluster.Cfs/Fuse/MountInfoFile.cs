using PveCluster.Core.Text;

namespace PveCluster.Cfs.Fuse;

/// <summary>Reads the mount table of this process' mount namespace (/proc/self/mountinfo).</summary>
internal static class MountInfoFile
{
    public const string Self = "/proc/self/mountinfo";

    /// <summary>The mount on <paramref name="mountPoint"/> that is visible (the last one stacked there), or null.</summary>
    public static MountInfo? Find(string mountPoint, string mountInfoFile = Self)
    {
        var wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        return Read(mountInfoFile).LastOrDefault(m => m.MountPoint == wanted);
    }

    public static IEnumerable<MountInfo> Read(string mountInfoFile = Self) =>
        File.ReadLines(mountInfoFile).Select(MountInfo.Parse).OfType<MountInfo>();
}
