using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>A file system over the real tree on a temporary database, with the generated views of node "n1".</summary>
internal sealed class FileSystemFixture : IDisposable
{
    public const string NodeName = "n1";
    public const uint WwwData = 33;

    public FileSystemFixture()
    {
        Clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));
        Log = new ClusterLog(NodeName, Clock);
        var views = GeneratedViews.Create(NodeName, Tree, Membership, Log, Debug, Clock, NullLoggerFactory.Instance);
        FileSystem = new CfsFileSystem(Tree, views, new FileModes(WwwData), Clock, NullLogger<CfsFileSystem>.Instance);
    }

    public GatedConfigTree Tree { get; } = new();

    public ClusterMembership Membership { get; } = new();

    public DebugSwitch Debug { get; } = new();

    public ClusterLog Log { get; }

    public FixedClock Clock { get; }

    public CfsFileSystem FileSystem { get; }

    public static CallerIdentity User { get; } = new(1000, 1000, 4242);

    public static CallerIdentity Root => CallerIdentity.Root;

    /// <summary>Reads a whole file through open/read/release, like cat.</summary>
    public string ReadAll(string path, CallerIdentity? caller = null)
    {
        Assert.Equal(0, FileSystem.Open(path, OpenFlags.O_RDONLY, caller ?? Root, out var handle, out _));
        var buffer = new byte[1 << 20];
        var count = FileSystem.Read(path, handle, buffer, 0);
        FileSystem.Release(handle);
        Assert.True(count >= 0, $"read {path} failed with {count}");
        return Encoding.UTF8.GetString(buffer, 0, count);
    }

    public int WriteText(string path, string text, long offset = 0) =>
        FileSystem.Write(path, Encoding.UTF8.GetBytes(text), offset, Root);

    public void Dispose() => Tree.Dispose();
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
