namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class KeygenCommandTests : IDisposable
{
    private readonly TestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Keygen_writes_128_random_bytes_readable_only_by_root()
    {
        var first = Path.Combine(_node.Paths.CorosyncDir, "key1");
        var second = Path.Combine(_node.Paths.CorosyncDir, "key2");

        Assert.Equal(0, _node.Run("keygen", first));
        Assert.Equal(0, _node.Run("keygen", second));

        Assert.Equal(128, File.ReadAllBytes(first).Length);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(first));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Keygen_never_overwrites_an_existing_file()
    {
        var path = Path.Combine(_node.Paths.CorosyncDir, "authkey");
        File.WriteAllText(path, "keep me");

        Assert.Equal(1, _node.Run("keygen", path));

        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Contains("already exists", _node.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_node.Paths.CorosyncDir, "authkey.new.*"));
    }
}
