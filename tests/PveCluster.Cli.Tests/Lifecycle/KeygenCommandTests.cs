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

    [Fact]
    public void A_reader_holding_a_stale_temporary_file_open_never_sees_the_new_key()
    {
        // A temporary left by a killed run (same pid after a reboot) that someone opened while it was
        // readable: the key must go into a new file with its own mode, never into that open file.
        var path = Path.Combine(_node.Paths.CorosyncDir, "authkey");
        var stale = $"{path}.new.{Environment.ProcessId}";
        File.WriteAllText(stale, "left over");
        File.SetUnixFileMode(stale, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var reader = new FileStream(stale, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        Assert.Equal(0, _node.Run("keygen", path));

        var seen = new byte[256];
        var count = reader.Read(seen);
        Assert.Equal("left over", System.Text.Encoding.UTF8.GetString(seen, 0, count));
        Assert.Equal(128, File.ReadAllBytes(path).Length);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
        Assert.False(File.Exists(stale));
    }
}
