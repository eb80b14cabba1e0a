using PveCluster.Core.Lifecycle;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle;

/// <summary>
/// Root's SSH key and the cluster-wide <c>priv/authorized_keys</c> and <c>priv/known_hosts</c>, so nodes
/// can reach each other (migration, qdevice setup). Merging is repeatable: running it again changes nothing.
/// </summary>
public sealed class SshKeySetup(ClusterPaths paths, IProcessRunner processes, Action<string> progress)
{
    private static readonly string[] HostKeyTypes = ["rsa", "ed25519", "ecdsa"];

    /// <summary>Root's public keys (<c>~/.ssh/id_*.pub</c>); an RSA key is generated with ssh-keygen when there is none.</summary>
    public async Task<IReadOnlyList<string>> EnsureRootKeyAsync(CancellationToken cancellationToken)
    {
        var existing = RootPublicKeys();
        if (existing.Count > 0)
        {
            return existing;
        }

        Directory.CreateDirectory(paths.SshDir);
        File.SetUnixFileMode(paths.SshDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var keyPath = Path.Combine(paths.SshDir, "id_rsa");
        progress($"generating root's SSH key {keyPath}");
        var result = await processes.RunAsync("ssh-keygen", ["-q", "-t", "rsa", "-b", "4096", "-N", "", "-f", keyPath], cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LifecycleException($"ssh-keygen failed: {result.Describe()}");
        }

        return RootPublicKeys();
    }

    /// <summary>
    /// Merges root's keys and its current authorized_keys into the cluster file, then makes root's
    /// authorized_keys a symlink to it, so a key added on one node is accepted on all.
    /// </summary>
    public void MergeAuthorizedKeys(IReadOnlyList<string> rootPublicKeys)
    {
        ArgumentNullException.ThrowIfNull(rootPublicKeys);
        var cluster = ReadOrNull(paths.ClusterAuthorizedKeys);
        var rootFile = new FileInfo(paths.RootAuthorizedKeys);
        var isLink = rootFile.LinkTarget is not null;
        var local = rootFile.Exists && !isLink ? File.ReadAllText(rootFile.FullName) : null;
        var merged = SshKeyMerge.MergeAuthorizedKeys([cluster, local, .. rootPublicKeys]);
        if (!string.Equals(merged, cluster, StringComparison.Ordinal))
        {
            AtomicFile.Write(paths.ClusterAuthorizedKeys, merged, AtomicFile.Private);
        }

        if (!isLink)
        {
            Directory.CreateDirectory(paths.SshDir);
            if (rootFile.Exists)
            {
                File.Move(rootFile.FullName, rootFile.FullName + ".org", overwrite: true);
            }

            File.CreateSymbolicLink(rootFile.FullName, paths.ClusterAuthorizedKeys);
        }
    }

    /// <summary>Makes the cluster known_hosts name this node (name and IP) with its current host key; false when there is no host key.</summary>
    public bool UpdateKnownHosts(string node, string address)
    {
        var hostKey = HostKeyTypes
            .Select(type => Path.Combine(paths.SshHostKeyDir, $"ssh_host_{type}_key.pub"))
            .FirstOrDefault(File.Exists);
        if (hostKey is null)
        {
            progress($"warning: no SSH host key in {paths.SshHostKeyDir}; known_hosts not updated (is sshd installed?)");
            return false;
        }

        var current = ReadOrNull(paths.ClusterKnownHosts);
        string updated;
        try
        {
            updated = SshKeyMerge.UpdateKnownHosts(current, node, address, File.ReadAllText(hostKey));
        }
        catch (FormatException ex)
        {
            progress($"warning: host key {hostKey} is unreadable ({ex.Message}); known_hosts not updated");
            return false;
        }

        if (!string.Equals(updated, current, StringComparison.Ordinal))
        {
            AtomicFile.Write(paths.ClusterKnownHosts, updated, AtomicFile.Private);
        }

        return true;
    }

    private List<string> RootPublicKeys() =>
        Directory.Exists(paths.SshDir)
            ? [.. Directory.EnumerateFiles(paths.SshDir, "id_*.pub").Order(StringComparer.Ordinal).Select(File.ReadAllText)]
            : [];

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
