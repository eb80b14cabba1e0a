using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Identity;

/// <summary>
/// The files that make a node a host of its own: host name, a private shadow with the lab's root
/// password, a private /etc/ssh without the host's keys (the node generates its own) and an empty
/// root home. Written on the host side into the node's bind sources before its namespaces exist.
/// </summary>
public sealed class NodeIdentity
{
    private const string HostShadow = "/etc/shadow";
    private const string HostSsh = "/etc/ssh";
    private const string Skeleton = "/etc/skel";

    /// <summary>Proxmox VE hosts allow root logins with a password; so do lab nodes.</summary>
    private const string SshdDropIn = "# written by pvelab: root may log in with the lab password, as on a Proxmox VE host\nPermitRootLogin yes\n";

    private readonly CommandRunner _runner;

    public NodeIdentity(CommandRunner runner)
    {
        _runner = runner;
    }

    /// <summary>SHA-512 crypt hash of <paramref name="password"/> (openssl reads it from stdin, never argv).</summary>
    public async Task<string> HashPasswordAsync(string password, CancellationToken cancellationToken)
    {
        var result = await _runner.RunCheckedAsync(["openssl", "passwd", "-6", "-stdin"], password + "\n", cancellationToken)
            .ConfigureAwait(false);
        var hash = result.StandardOutput.Trim();
        return hash.StartsWith("$6$", StringComparison.Ordinal)
            ? hash
            : throw new LabException($"openssl passwd -6 printed no SHA-512 hash: '{hash}'");
    }

    /// <summary>Writes the identity files of node <paramref name="node"/> below its bind sources.</summary>
    public async Task WriteAsync(LabPaths paths, int node, string rootPasswordHash, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(paths.NodeBindSource(node, NodeBind.EtcHostname), LabNames.HostName(node) + "\n", cancellationToken)
            .ConfigureAwait(false);
        await WriteShadowAsync(paths.NodeBindSource(node, NodeBind.EtcShadow), rootPasswordHash, cancellationToken).ConfigureAwait(false);
        await CopySshConfigurationAsync(paths.NodeBindSource(node, NodeBind.EtcSsh), cancellationToken).ConfigureAwait(false);
        CreateRootHome(paths.NodeBindSource(node, NodeBind.RootHome));
    }

    private async Task WriteShadowAsync(string target, string hash, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllTextAsync(HostShadow, cancellationToken).ConfigureAwait(false);
        // 0640 from creation: the file carries root's password hash and must never be world-readable, not even briefly.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsLinux())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }
        await using (var stream = new FileStream(target, options))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(ShadowFile.WithPassword(content, "root", hash)), cancellationToken)
                .ConfigureAwait(false);
        }
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
        // Same owner and group as the real one (root:shadow), so unix_chkpwd behaves as on a host.
        await _runner.RunCheckedAsync(["chown", $"--reference={HostShadow}", target], cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopySshConfigurationAsync(string target, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(HostSsh))
        {
            throw new LabException($"{HostSsh} is missing (install openssh-server: scripts/setup.sh)");
        }
        foreach (var source in Directory.EnumerateFiles(HostSsh, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(HostSsh, source);
            // The host's own keys stay on the host: each node generates its own with ssh-keygen -A.
            if (Path.GetFileName(relative).StartsWith("ssh_host_", StringComparison.Ordinal))
            {
                continue;
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }
        var dropIns = Path.Combine(target, "sshd_config.d");
        Directory.CreateDirectory(dropIns);
        await File.WriteAllTextAsync(Path.Combine(dropIns, "pvelab.conf"), SshdDropIn, cancellationToken).ConfigureAwait(false);
    }

    private static void CreateRootHome(string target)
    {
        var ssh = Path.Combine(target, ".ssh");
        Directory.CreateDirectory(ssh);
        if (Directory.Exists(Skeleton))
        {
            foreach (var file in Directory.EnumerateFiles(Skeleton))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
