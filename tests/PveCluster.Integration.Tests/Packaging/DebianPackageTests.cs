using System.Text.RegularExpressions;

namespace PveCluster.Integration.Tests.Packaging;

/// <summary>The .debs as dpkg-deb sees them: control fields, files with owners and modes, conffiles, runnable programs.</summary>
[Collection(BuiltPackagesGroup.Name)]
public sealed partial class DebianPackageTests(BuiltPackages packages)
{
    /// <summary>One line of <c>dpkg-deb --contents</c>: mode string, owner/group, path (and link target).</summary>
    private sealed record Entry(string Mode, string Owner, string Path, string? Target);

    [GeneratedRegex(@"^(?<mode>\S+) (?<owner>\S+)\s+\d+ \S+ \S+ \.(?<path>/\S*?)/?(?: -> (?<target>\S+))?$")]
    private static partial Regex ContentsLine();

    private async Task<Dictionary<string, Entry>> ContentsAsync(string deb)
    {
        var lines = (await packages.RunAsync("dpkg-deb", "--contents", deb)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(line => ContentsLine().Match(line))
            .Where(m => m.Success && m.Groups["path"].Value.Length > 0)
            .Select(m => new Entry(m.Groups["mode"].Value, m.Groups["owner"].Value, m.Groups["path"].Value,
                m.Groups["target"].Success ? m.Groups["target"].Value : null))
            .ToDictionary(e => e.Path);
    }

    private Task<string> FieldAsync(string deb, string field) => packages.RunAsync("dpkg-deb", "--field", deb, field);

    [PackagingFact]
    public async Task Pve_cluster_holds_pmxcfs_pvecm_the_unit_man_pages_and_completion_and_depends_on_the_cluster_stack()
    {
        PackagingRequirements.ThrowIfMissing();
        Assert.Equal("pve-cluster", (await FieldAsync(packages.Cluster, "Package")).Trim());
        Assert.Equal(BuiltPackages.Version, (await FieldAsync(packages.Cluster, "Version")).Trim());
        Assert.Equal("amd64", (await FieldAsync(packages.Cluster, "Architecture")).Trim());
        var depends = (await FieldAsync(packages.Cluster, "Depends")).Split(',').Select(d => d.Trim()).ToList();
        foreach (var needed in new[] { "corosync", "fuse3", "libfuse3-3", "openssh-server", "libcpg4", "libquorum5", "libvotequorum8", "libcmap4", "libcfg7", "psmisc" })
            Assert.Contains(needed, depends);
        Assert.Equal("corosync-qdevice", (await FieldAsync(packages.Cluster, "Recommends")).Trim());

        var files = await ContentsAsync(packages.Cluster);
        Assert.Equal("-rwxr-xr-x", files["/usr/lib/pve-cluster/pmxcfs"].Mode);
        Assert.Equal("-rwxr-xr-x", files["/usr/lib/pve-cluster/pvecm"].Mode);
        Assert.Equal("-rw-r--r--", files["/usr/lib/pve-cluster/libe_sqlite3.so"].Mode);
        Assert.Equal("../lib/pve-cluster/pmxcfs", files["/usr/bin/pmxcfs"].Target);
        Assert.Equal("../lib/pve-cluster/pvecm", files["/usr/bin/pvecm"].Target);
        Assert.Equal("-rw-r--r--", files["/lib/systemd/system/pve-cluster.service"].Mode);
        Assert.Equal("-rw-r--r--", files["/usr/share/man/man1/pvecm.1.gz"].Mode);
        Assert.Equal("-rw-r--r--", files["/usr/share/man/man8/pmxcfs.8.gz"].Mode);
        Assert.Equal("-rw-r--r--", files["/usr/share/bash-completion/completions/pvecm"].Mode);
        Assert.Contains("/usr/share/doc/pve-cluster/copyright", files.Keys);
        Assert.All(files.Values, e => Assert.Equal("root/root", e.Owner));
        Assert.Empty(await packages.RunAsync("sh", "-c", $"dpkg-deb --ctrl-tarfile '{packages.Cluster}' | tar -tf - | grep -x './conffiles' || true"));

        var unit = await packages.RunAsync("sh", "-c", $"dpkg-deb --fsys-tarfile '{packages.Cluster}' | tar -xOf - ./lib/systemd/system/pve-cluster.service");
        Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/pmxcfs --foreground", unit, StringComparison.Ordinal);
        var corosyncDropIn = await packages.RunAsync("sh", "-c", $"dpkg-deb --fsys-tarfile '{packages.Cluster}' | tar -xOf - ./lib/systemd/system/corosync.service.d/pve-cluster.conf");
        Assert.Contains("ConditionPathExists=/etc/corosync/corosync.conf", corosyncDropIn, StringComparison.Ordinal);
        Assert.Contains("Before=corosync.service", unit, StringComparison.Ordinal);
        var man = await packages.RunAsync("sh", "-c", $"dpkg-deb --fsys-tarfile '{packages.Cluster}' | tar -xOf - ./usr/share/man/man1/pvecm.1.gz | gunzip");
        Assert.Contains($"\"pve\\-cluster {BuiltPackages.Version}\"", man, StringComparison.Ordinal);
        Assert.Contains(@"\fBpvecm link add\fR", man, StringComparison.Ordinal);
    }

    [PackagingFact]
    public async Task Pve_api_holds_self_contained_daemons_the_gui_units_pam_and_tmpfiles_and_runs_without_a_dotnet_runtime()
    {
        PackagingRequirements.ThrowIfMissing();
        var depends = (await FieldAsync(packages.Api, "Depends")).Split(',').Select(d => d.Trim()).ToList();
        Assert.Contains($"pve-cluster (= {BuiltPackages.Version})", depends);
        Assert.Contains("libssl3", depends);
        Assert.Contains("libpam0g", depends);
        Assert.DoesNotContain(depends, d => d.Contains("dotnet", StringComparison.Ordinal) || d.Contains("aspnetcore", StringComparison.Ordinal));

        var files = await ContentsAsync(packages.Api);
        Assert.Equal("../lib/pve-api/pveproxy", files["/usr/bin/pveproxy"].Target);
        Assert.Equal("../lib/pve-api/pvedaemon", files["/usr/bin/pvedaemon"].Target);
        Assert.Equal("-rwxr-xr-x", files["/usr/lib/pve-api/pveproxy"].Mode);
        Assert.Equal("-rwxr-xr-x", files["/usr/lib/pve-api/pvedaemon"].Mode);
        Assert.Contains("/usr/lib/pve-api/libcoreclr.so", files.Keys);
        Assert.Contains("/usr/lib/pve-api/gui/wwwroot/index.html", files.Keys);
        Assert.Equal("-rw-r--r--", files["/etc/pam.d/pve-api"].Mode);
        Assert.Equal("-rw-r--r--", files["/usr/lib/tmpfiles.d/pve-api.conf"].Mode);
        Assert.Contains("/lib/systemd/system/pvedaemon.service", files.Keys);
        Assert.Contains("/lib/systemd/system/pveproxy.service", files.Keys);
        Assert.Contains("/usr/share/man/man8/pveproxy.8.gz", files.Keys);
        Assert.Contains("/usr/share/man/man8/pvedaemon.8.gz", files.Keys);
        Assert.DoesNotContain(files.Keys, p => p.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.All(files.Values, e => Assert.Equal("root/root", e.Owner));
        Assert.Equal("/etc/pam.d/pve-api", (await packages.RunAsync("sh", "-c", $"dpkg-deb --ctrl-tarfile '{packages.Api}' | tar -xOf - ./conffiles")).Trim());

        var proxyUnit = await packages.RunAsync("sh", "-c", $"dpkg-deb --fsys-tarfile '{packages.Api}' | tar -xOf - ./lib/systemd/system/pveproxy.service");
        Assert.Contains("User=www-data", proxyUnit, StringComparison.Ordinal);
        Assert.Contains("After=pve-cluster.service pvedaemon.service", proxyUnit, StringComparison.Ordinal);

        // Unpacked and run with no .NET installation in reach: the runtime is inside the package.
        var unpacked = Path.Combine(packages.Directory, "api-unpacked");
        await packages.RunAsync("dpkg-deb", "--extract", packages.Api, unpacked);
        foreach (var program in new[] { "pveproxy", "pvedaemon" })
        {
            var version = await packages.RunAsync("env", "-i", "DOTNET_ROOT=/nonexistent", "PATH=/usr/bin:/bin",
                Path.Combine(unpacked, "usr", "lib", "pve-api", program), "--version");
            Assert.Matches(@"^\d+\.\d+\.\d+", version);
        }
    }

    [PackagingFact]
    public async Task The_units_pass_systemd_analyze_verify_against_the_installed_files()
    {
        PackagingRequirements.ThrowIfMissing();
        // A root with both packages unpacked and the host's units (targets, corosync.service, ssh.service) beside them.
        var root = Path.Combine(packages.Directory, "verify-root");
        await packages.RunAsync("dpkg-deb", "--extract", packages.Cluster, root);
        await packages.RunAsync("dpkg-deb", "--extract", packages.Api, root);
        await packages.RunAsync("cp", "-an", "/lib/systemd/system/.", Path.Combine(root, "lib", "systemd", "system"));

        var units = new[] { "pve-cluster.service", "pvedaemon.service", "pveproxy.service" }.Select(u => Path.Combine(root, "lib", "systemd", "system", u));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await packages.Runner.RunAsync(["systemd-analyze", "verify", $"--root={root}", "--man=no", .. units], timeout.Token);
        Assert.True(result.ExitCode == 0 && result.StandardError.Trim().Length == 0, $"systemd-analyze verify: {result.StandardError}");
    }
}
