using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// A Debian 12 root file system for booted test hosts, made once with debootstrap and cached in
/// /var/cache/pvecluster-boot/bookworm-&lt;hash of the package list and recipe&gt; (a different list makes a new one).
/// It holds what the project's .debs depend on, so they install offline inside the containers, and looks like a fresh
/// Proxmox host: no corosync.conf, root may log in over SSH with <see cref="RootPassword"/>.
/// </summary>
public static class BootRootfs
{
    public const string CacheDirectory = "/var/cache/pvecluster-boot";
    public const string Suite = "bookworm";
    public const string RootPassword = "boottest";

    /// <summary>Bumped when <see cref="PrepareAsync"/> changes, so that older caches are not reused.</summary>
    private const int RecipeVersion = 1;

    /// <summary>Besides the debs' own dependencies: a booting systemd, and the tools the test runs inside.</summary>
    private static readonly string[] BasePackages =
    [
        "systemd", "systemd-sysv", "dbus", "iproute2", "procps", "openssl", "ca-certificates", "kmod",
        "corosync", "corosync-qdevice", "fuse3", "openssh-server", "openssh-client", "iputils-ping",
    ];

    private const string CompleteMarker = ".complete";

    /// <summary>The cached root file system for these packages; made (about 4 minutes) when missing.</summary>
    public static async Task<string> EnsureAsync(IEnumerable<string> debDependencies, CommandRunner runner, ILogger logger, CancellationToken cancellationToken)
    {
        var packages = BasePackages.Concat(debDependencies).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{RecipeVersion}\n{string.Join('\n', packages)}")))[..12];
        var target = Path.Combine(CacheDirectory, $"{Suite}-{key}");
        if (File.Exists(Path.Combine(target, CompleteMarker)))
            return target;

        Directory.CreateDirectory(CacheDirectory);
        // Another test run may be making the same rootfs: one at a time, the second finds it done.
        await using var cacheLock = await LockAsync(Path.Combine(CacheDirectory, ".lock"), cancellationToken);
        if (File.Exists(Path.Combine(target, CompleteMarker)))
            return target;

        var building = $"{target}.building";
        if (Directory.Exists(building))
            Directory.Delete(building, recursive: true);
        logger.LogInformation("debootstrap {Suite} into {Target}: {Packages}", Suite, building, string.Join(",", packages));
        await runner.RunCheckedAsync(
            ["debootstrap", "--variant=minbase", $"--include={string.Join(',', packages)}", Suite, building], cancellationToken);
        await PrepareAsync(building, runner, cancellationToken);
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        Directory.Move(building, target);
        await File.WriteAllTextAsync(Path.Combine(target, CompleteMarker), string.Join('\n', packages) + "\n", cancellationToken);
        return target;
    }

    /// <summary>The package names a .deb depends on (first alternative, no version), read with dpkg-deb.</summary>
    public static async Task<IReadOnlyList<string>> DependenciesAsync(IEnumerable<string> debs, IReadOnlySet<string> provided, CommandRunner runner, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var deb in debs)
        {
            var depends = (await runner.RunCheckedAsync(["dpkg-deb", "--field", deb, "Depends"], cancellationToken)).StandardOutput;
            names.AddRange(depends.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.Split('|')[0].Split('(')[0].Trim())
                .Where(name => name.Length > 0 && !provided.Contains(name)));
        }

        return names;
    }

    /// <summary>A fresh-host look: no sample corosync.conf (Debian ships one; Proxmox hosts have none before pvecm create).</summary>
    private static async Task PrepareAsync(string root, CommandRunner runner, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(root, "etc/corosync/corosync.conf"));
        await runner.RunCheckedAsync(["chroot", root, "chpasswd"], $"root:{RootPassword}\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "etc/ssh/sshd_config.d/pve.conf"), "PermitRootLogin yes\n", cancellationToken);
        // Every container gets its own machine id and SSH host keys (BootContainer); an empty machine-id means "first boot".
        foreach (var hostKey in Directory.EnumerateFiles(Path.Combine(root, "etc/ssh"), "ssh_host_*"))
            File.Delete(hostKey);
        await File.WriteAllTextAsync(Path.Combine(root, "etc/machine-id"), "", cancellationToken);
        await runner.RunCheckedAsync(["chroot", root, "apt-get", "clean"], cancellationToken);
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }
}
