using FsCheck;
using FsCheck.Fluent;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Core.Tests.Lifecycle;

public class SshKeyMergeTests
{
    // Real keys made with ssh-keygen for these tests.
    private const string Key1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJd4ERZsiuf1M5+PRpkoPEfZfHux1Wn/wxApzcpQJ7Jy";
    private const string Key2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINaVI571jUe9D+fwJXbwEkkfmeinpUhJ1xomb7nIKh2V";
    private const string Key3 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDYklQoM1nfhaP14g6LuUhXjz1UheqFjrUelclIq/RFA6D6TjstVUS3kCibvy2QnfPE8S0YR7N1/Y6EA9rASeTJxe9s5mrObF1zv68z6BIe6BUSkjWV31J79/1FdC3RuWE2wDBsqK0SUknav17j417YfwfCxxU3i9FgIJ/MPnuz+w==";

    // "ssh-keygen -H" output for "pve1 <Key1>": the hashed form of the host name pve1.
    private const string HashedPve1 = "|1|q+otc4bYmDUZoc22fh3KduWy384=|xC4qv66t/8IrMcitL3S7RGoUmqY=";

    [Fact]
    public void Merge_drops_repeated_keys_whatever_their_comment_or_options_and_keeps_order()
    {
        var cluster = $"# cluster keys\n{Key1} root@pve1\n{Key2} root@pve2\n";
        var local = $"{Key2} renamed-comment\r\n\r\nfrom=\"10.0.0.0/8\",command=\"echo hi there\" {Key1} root@pve1\n{Key3} root@pve3\nnot a key line\n";

        var merged = SshKeyMerge.MergeAuthorizedKeys(cluster, local);

        Assert.Equal($"# cluster keys\n{Key1} root@pve1\n{Key2} root@pve2\n{Key3} root@pve3\nnot a key line\n", merged);
    }

    [Fact]
    public void Merge_keeps_a_key_with_options_when_it_is_the_first_occurrence()
    {
        var line = $"no-pty,command=\"/usr/bin/true x\" {Key1} backup";

        Assert.Equal($"{line}\n", SshKeyMerge.MergeAuthorizedKeys(line, $"{Key1} root@pve1"));
    }

    [Fact]
    public void Merge_of_nothing_is_empty()
    {
        Assert.Equal("", SshKeyMerge.MergeAuthorizedKeys(null, "", "\n\n"));
    }

    [Fact]
    public void Keys_of_a_removed_node_can_be_dropped_by_comment()
    {
        var content = $"{Key1} root@pve1\n{Key2} root@pve2\n# note\n";

        Assert.Equal($"{Key1} root@pve1\n# note\n", SshKeyMerge.RemoveAuthorizedKeysByComment(content, "root@pve2"));
    }

    [Fact]
    public void Merging_is_idempotent_and_keeps_every_key_and_line_once()
    {
        string[] keys = [$"{Key1} a", $"{Key2} b", $"{Key3} c", "# comment", "junk"];
        var files = Gen.ArrayOf(Gen.Elements(keys)).Select(lines => string.Join('\n', lines));
        Prop.ForAll(files.ToArbitrary(), files.ToArbitrary(), (a, b) =>
        {
            var merged = SshKeyMerge.MergeAuthorizedKeys(a, b);
            var lines = merged.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] distinct = [Key1, Key2, Key3, "# comment", "junk"];
            var counts = distinct.Select(k => lines.Count(l => l.StartsWith(k, StringComparison.Ordinal)));
            var expected = distinct.Select(k => (a + "\n" + b).Contains(k, StringComparison.Ordinal) ? 1 : 0);
            return SshKeyMerge.MergeAuthorizedKeys(merged) == merged
                && SshKeyMerge.MergeAuthorizedKeys(merged, a, b) == merged
                && counts.SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Known_hosts_gets_name_and_ip_entries_for_a_new_node()
    {
        var result = SshKeyMerge.UpdateKnownHosts($"pve2 {Key2}\n", "PVE1", "10.0.0.1", $"\n{Key1} root@pve1\n");

        Assert.Equal($"pve2 {Key2}\npve1 {Key1}\n10.0.0.1 {Key1}\n", result);
    }

    [Fact]
    public void Known_hosts_replaces_stale_entries_of_a_reinstalled_node_and_keeps_others()
    {
        var content = string.Join('\n',
            "# managed by pvecm",
            $"pve1,10.0.0.1,pve1-alias {Key3}",
            $"{HashedPve1} {Key3}",
            $"[10.0.0.1]:22 {Key3}",
            $"pve2 {Key2}",
            $"@cert-authority *.example {Key3}");

        var result = SshKeyMerge.UpdateKnownHosts(content, "pve1", "10.0.0.1", Key1);

        Assert.Equal(
            string.Join('\n',
                "# managed by pvecm",
                $"pve1-alias {Key3}",
                $"pve2 {Key2}",
                $"@cert-authority *.example {Key3}",
                $"pve1 {Key1}",
                $"10.0.0.1 {Key1}") + "\n",
            result);
    }

    [Fact]
    public void Known_hosts_keeps_current_entries_including_hashed_ones_and_drops_duplicates()
    {
        var content = $"{HashedPve1} {Key1}\n10.0.0.1,pve1 {Key1}\npve1 {Key1}\n";

        var result = SshKeyMerge.UpdateKnownHosts(content, "pve1", "10.0.0.1", Key1);

        Assert.Equal($"{HashedPve1} {Key1}\n10.0.0.1,pve1 {Key1}\n", result);
        Assert.Equal(result, SshKeyMerge.UpdateKnownHosts(result, "pve1", "10.0.0.1", Key1));
    }

    [Fact]
    public void Known_hosts_entries_of_a_removed_node_can_be_dropped()
    {
        var content = $"{HashedPve1} {Key1}\npve1,10.0.0.1 {Key1}\npve2 {Key2}\n";

        Assert.Equal($"pve2 {Key2}\n", SshKeyMerge.RemoveKnownHosts(content, "pve1", "10.0.0.1"));
    }

    [Theory]
    [InlineData("", "no SSH public key found")]
    [InlineData("# only a comment\n", "no SSH public key found")]
    [InlineData("\nnot-a-key AAAA\n", "line 2: expected 'TYPE BASE64 [COMMENT]'")]
    [InlineData("ssh-rsa not*base64*at*all", "line 1:")]
    public void A_bad_host_key_is_reported_with_its_line(string hostKey, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SshKeyMerge.UpdateKnownHosts("", "pve1", "10.0.0.1", hostKey));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
