namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// The kernel on every node caches pages and attributes of /etc/pve files; a change written on n1
/// must reach readers on n2 whose cache is warm. Every change keeps the mtime (and most keep the
/// size), so n2's kernel cannot notice it from the attributes: only pmxcfs' invalidation helps.
/// </summary>
public sealed class CfsKernelCacheTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private const string Directory = "/etc/pve/kcache";
    private const string File = Directory + "/f.cfg";
    private const string Other = Directory + "/g.cfg";
    private const string Mtime = "1700000000";
    private const int WarmReads = 20;

    private readonly PmxcfsCluster _cluster;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));

    public CfsKernelCacheTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task Content_size_mtime_rename_delete_and_create_on_n1_reach_a_warm_cache_on_n2()
    {
        await WriteOnN1Async($"mkdir {Directory} && {Put(File, "AAAAAAAA")}");
        await N2ReadsAsync(File, "AAAAAAAA", $"8 {Mtime}");

        await WriteOnN1Async(Put(File, "BBBBBBBB"));
        await N2ReadsAsync(File, "BBBBBBBB", $"8 {Mtime}");

        await WriteOnN1Async(Put(File, "CCCCCCCCCCCC", mtime: "1700000100"));
        await N2ReadsAsync(File, "CCCCCCCCCCCC", "12 1700000100");

        await WriteOnN1Async(Put(File, "DDDDDDDD") + " && " + Put(Other, "EEEEEEEE"));
        await N2ReadsAsync(File, "DDDDDDDD", $"8 {Mtime}");
        await N2ReadsAsync(Other, "EEEEEEEE", $"8 {Mtime}");
        await WriteOnN1Async($"mv {Other} {File}");
        await N2ReadsAsync(File, "EEEEEEEE", $"8 {Mtime}");
        await N2SeesAsync($"test ! -e {Other} && ls {Directory}", "f.cfg\n", "the renamed file to be gone under its old name");

        await WriteOnN1Async($"rm {File}");
        await N2SeesAsync($"test ! -e {File} && cat {File} 2>/dev/null || echo gone", "gone\n", "the deleted file to be gone");

        await WriteOnN1Async(Put(File, "FFFFFFFF"));
        await N2ReadsAsync(File, "FFFFFFFF", $"8 {Mtime}");

        await WriteOnN1Async($"mkdir {Directory}/sub");
        await N2SeesAsync($"stat -c %F {Directory}/sub", "directory\n", "the new directory");
        await WriteOnN1Async($"rmdir {Directory}/sub");
        await N2SeesAsync($"test -e {Directory}/sub || echo gone", "gone\n", "the removed directory to be gone");
    }

    /// <summary>Writes <paramref name="content"/> and sets the mtime back, in one script: n2 sees no step in between.</summary>
    private static string Put(string path, string content, string mtime = Mtime) =>
        $"printf '{content}' > {path} && touch -m -d @{mtime} {path}";

    /// <summary>Returns once n1's write returned (it is then held by a quorum and applied on n1).</summary>
    private async Task WriteOnN1Async(string script) => await _cluster.ShCheckedAsync(1, script, Token);

    /// <summary>
    /// Waits (bounded) until n2 applied the change and reads it, then reads it again and again so
    /// that n2's kernel holds the content in its cache before the next change.
    /// </summary>
    private async Task N2ReadsAsync(string path, string content, string sizeAndMtime)
    {
        var expected = $"{sizeAndMtime}\n{content}";
        await N2SeesAsync($"stat -c '%s %Y' {path} && cat {path}", expected, $"{path} to hold '{content}' ({sizeAndMtime})");
        var warm = await _cluster.ShCheckedAsync(2, $"i=0; while [ $i -lt {WarmReads} ]; do cat {path}; echo; i=$((i+1)); done", Token);
        Assert.All(warm.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(content, line));
    }

    private async Task N2SeesAsync(string script, string expected, string what) =>
        await Lab.Polling.UntilAsync(ct => _cluster.ShAsync(2, script, ct), r => r.StandardOutput == expected,
            PmxcfsCluster.ConvergeTimeout, "n2: " + what, Token);
}
