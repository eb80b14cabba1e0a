using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>An empty temporary directory to mount on; removed afterwards unless a mount is still on it.</summary>
internal sealed class TempMountPoint(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        if (MountInfoFile.Find(Path) is null)
            Directory.Delete(Path);
    }
}
