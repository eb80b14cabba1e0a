using System.Text;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

/// <summary>A local-mode tree over a fresh database, with terse helpers for the semantics tests.</summary>
internal sealed class LocalTreeFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public LocalTreeFixture(TreeLimits? limits = null)
    {
        Database = _directory.Open(limits: limits);
        Tree = new LocalConfigTree(Database, localNodeId: 7);
    }

    public ConfigDatabase Database { get; }

    public LocalConfigTree Tree { get; }

    public Task<CfsError> Create(string path) => Tree.CreateFileAsync(path, 100, CancellationToken.None);

    public Task<CfsError> Mkdir(string path) => Tree.MakeDirectoryAsync(path, 100, CancellationToken.None);

    public Task<CfsError> Write(string path, string text, long offset = 0) =>
        Tree.WriteAsync(path, offset, Encoding.UTF8.GetBytes(text), 200, CancellationToken.None);

    public Task<CfsError> Delete(string path) => Tree.DeleteAsync(path, CancellationToken.None);

    public Task<CfsError> Rename(string from, string to) => Tree.RenameAsync(from, to, CancellationToken.None);

    public string? Text(string path) => Tree.ReadFile(path) is { } data ? Encoding.UTF8.GetString(data.Span) : null;

    public async Task MkdirAll(params string[] paths)
    {
        foreach (var path in paths)
        {
            Assert.Equal(CfsError.None, await Mkdir(path));
        }
    }

    public async Task CreateWith(string path, string text)
    {
        Assert.Equal(CfsError.None, await Create(path));
        Assert.Equal(CfsError.None, await Write(path, text));
    }

    public void Dispose()
    {
        Tree.Dispose();
        Database.Dispose();
        _directory.Dispose();
    }
}
