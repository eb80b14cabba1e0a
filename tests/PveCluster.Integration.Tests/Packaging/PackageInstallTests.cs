namespace PveCluster.Integration.Tests.Packaging;

/// <summary>
/// The maintainer scripts, run by dpkg against a separate root directory (<c>dpkg --root --force-script-chrootless</c>,
/// the scripts honour DPKG_ROOT): install, upgrade over itself, remove, purge. Dependencies are the host's business
/// here (--force-depends); systemd is not touched (nothing runs on the target root).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(BuiltPackagesGroup.Name)]
public sealed class PackageInstallTests(BuiltPackages packages) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pve-dpkg-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string At(string path) => Path.Combine(_root, path.TrimStart('/'));

    private Task<string> DpkgAsync(params string[] arguments) =>
        packages.RunAsync(["dpkg", $"--root={_root}", "--force-script-chrootless", "--force-depends", "--log=/dev/null", .. arguments]);

    private static string Wants(string unit) => $"/etc/systemd/system/multi-user.target.wants/{unit}";

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private async Task<string> OwnerAsync(string path) => (await packages.RunAsync("stat", "-c", "%U:%G", At(path))).Trim();

    private void PrepareEmptyRoot()
    {
        foreach (var directory in new[] { "var/lib/dpkg/info", "var/lib/dpkg/updates", "etc", "run", "tmp" })
            Directory.CreateDirectory(At(directory));
        File.WriteAllText(At("var/lib/dpkg/status"), "");
        File.WriteAllText(At("var/lib/dpkg/available"), "");
        // What base-passwd gives every Debian system; the scripts look accounts up in the target root.
        File.WriteAllText(At("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n");
        File.WriteAllText(At("etc/group"), "root:x:0:\nwww-data:x:33:\n");
    }

    /// <summary>
    /// A stand-in for Debian's corosync package as far as pve-cluster's postinst looks at it: the example
    /// corosync.conf as a conffile (dpkg records its checksum).
    /// </summary>
    private async Task InstallCorosyncWithExampleConfAsync()
    {
        var package = Path.Combine(_root, "..", $"{Path.GetFileName(_root)}-corosync");
        Directory.CreateDirectory(Path.Combine(package, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(package, "etc", "corosync"));
        File.WriteAllText(Path.Combine(package, "etc", "corosync", "corosync.conf"), ExampleConf);
        File.WriteAllText(Path.Combine(package, "DEBIAN", "conffiles"), "/etc/corosync/corosync.conf\n");
        File.WriteAllText(Path.Combine(package, "DEBIAN", "control"),
            "Package: corosync\nVersion: 3.1.7-1\nArchitecture: amd64\nMaintainer: test <root@localhost>\nDescription: stand-in\n");
        try
        {
            await packages.RunAsync("dpkg-deb", "--root-owner-group", "--build", package, $"{package}.deb");
            await DpkgAsync("--install", $"{package}.deb");
        }
        finally
        {
            Directory.Delete(package, recursive: true);
            File.Delete($"{package}.deb");
        }
    }

    private const string ExampleConf = "totem {\n\tversion: 2\n\tcluster_name: debian\n}\nnodelist {\n\tnode {\n\t\tname: node1\n\t\tnodeid: 1\n\t\tring0_addr: 127.0.0.1\n\t}\n}\n";

    [PackagingFact]
    public async Task Install_upgrade_remove_and_purge_leave_the_expected_state_each_time()
    {
        PackagingRequirements.ThrowIfMissing();
        PrepareEmptyRoot();
        await InstallCorosyncWithExampleConfAsync();

        await DpkgAsync("--install", packages.Cluster, packages.Api);
        AssertInstalledState();
        // Debian's unmodified example would make pmxcfs import a cluster that does not exist.
        Assert.False(File.Exists(At("/etc/corosync/corosync.conf")));
        Assert.Equal(ExampleConf, File.ReadAllText(At("/etc/corosync/corosync.conf.debian-example")));
        Assert.Equal("root:root", await OwnerAsync("/var/lib/pve-cluster"));
        Assert.Equal("root:www-data", await OwnerAsync("/var/log/pve/tasks"));
        Assert.Equal("root:www-data", await OwnerAsync("/run/pvedaemon"));
        Assert.Equal(Mode("750"), File.GetUnixFileMode(At("/run/pvedaemon")));

        // The admin disables pveproxy and keeps a database; an upgrade (the same packages again) changes neither.
        await packages.RunAsync("systemctl", $"--root={_root}", "disable", "pveproxy.service");
        File.WriteAllText(At("/var/lib/pve-cluster/config.db"), "database");
        await DpkgAsync("--install", packages.Cluster, packages.Api);
        Assert.False(File.Exists(At(Wants("pveproxy.service"))), "an upgrade re-enabled a unit the admin had disabled");
        Assert.True(File.Exists(At(Wants("pvedaemon.service"))));
        Assert.Equal("database", File.ReadAllText(At("/var/lib/pve-cluster/config.db")));
        Assert.Equal(Mode("700"), File.GetUnixFileMode(At("/var/lib/pve-cluster")));

        // remove: programs and units go, the units are masked, the database stays.
        await DpkgAsync("--remove", "pve-api", "pve-cluster");
        Assert.False(Path.Exists(At("/usr/bin/pmxcfs")));
        Assert.False(Path.Exists(At("/usr/lib/pve-cluster")));
        Assert.False(File.Exists(At("/lib/systemd/system/pve-cluster.service")));
        Assert.Equal("/dev/null", new FileInfo(At("/etc/systemd/system/pve-cluster.service")).LinkTarget);
        Assert.Equal("database", File.ReadAllText(At("/var/lib/pve-cluster/config.db")));

        // purge: the database, the mount point, task logs, masks and enablement links go too.
        await DpkgAsync("--purge", "pve-api", "pve-cluster");
        foreach (var gone in new[] { "/var/lib/pve-cluster", "/etc/pve", "/var/log/pve", "/run/pvedaemon", "/usr/lib/pve-api" })
            Assert.False(Path.Exists(At(gone)), $"{gone} is left after purge");
        var leftovers = (await packages.RunAsync("find", _root, "-path", At("/var/lib/dpkg"), "-prune", "-o", "-not", "-type", "d", "-print"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Only the stand-in corosync's file (the moved example) and the accounts are left.
        Assert.Equal([At("/etc/corosync/corosync.conf.debian-example"), At("/etc/group"), At("/etc/passwd")], leftovers.Order(StringComparer.Ordinal));
        var installed = File.ReadAllText(At("/var/lib/dpkg/status")).Split("\n\n")
            .Where(p => p.Contains("Status: install ok installed", StringComparison.Ordinal));
        Assert.Equal(["corosync"], installed.Select(p => p.Split('\n')[0].Replace("Package: ", "", StringComparison.Ordinal)));
    }

    [PackagingFact]
    public async Task A_corosync_conf_the_admin_changed_is_kept()
    {
        PackagingRequirements.ThrowIfMissing();
        PrepareEmptyRoot();
        await InstallCorosyncWithExampleConfAsync();
        File.AppendAllText(At("/etc/corosync/corosync.conf"), "# changed\n");

        await DpkgAsync("--install", packages.Cluster);

        Assert.Equal(ExampleConf + "# changed\n", File.ReadAllText(At("/etc/corosync/corosync.conf")));
        Assert.False(File.Exists(At("/etc/corosync/corosync.conf.debian-example")));
        await DpkgAsync("--purge", "pve-cluster");
    }

    private void AssertInstalledState()
    {
        Assert.True(File.Exists(At("/usr/lib/pve-cluster/pmxcfs")));
        Assert.Equal("../lib/pve-cluster/pmxcfs", new FileInfo(At("/usr/bin/pmxcfs")).LinkTarget);
        Assert.Equal(Mode("700"), File.GetUnixFileMode(At("/var/lib/pve-cluster")));
        Assert.True(Directory.Exists(At("/etc/pve")));
        Assert.True(Directory.Exists(At("/var/log/pve/tasks")));
        foreach (var unit in new[] { "pve-cluster.service", "pvedaemon.service", "pveproxy.service" })
            Assert.Equal($"/lib/systemd/system/{unit}", new FileInfo(At(Wants(unit))).LinkTarget);
    }
}
