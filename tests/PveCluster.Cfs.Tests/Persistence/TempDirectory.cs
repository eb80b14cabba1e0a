using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Persistence;

/// <summary>A scratch directory for database files, removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cfsdb-test-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public ConfigDatabase Open(string name = "config.db", TreeLimits? limits = null) =>
        ConfigDatabase.Open(File(name), limits ?? TreeLimits.Proxmox, NullLogger.Instance);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that deliberately left a connection open may still hold the file.
        }
    }
}
