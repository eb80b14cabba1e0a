using System.Security.Cryptography;
using PveCluster.Core.Certificates;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// The keys a join needs at its end, made while corosync and pmxcfs start and the node waits for quorum instead of
/// after: the node certificate's RSA key (in memory) and root's SSH key (ssh-keygen, only when root has none).
/// Started once the cluster accepted the node, so a refused join still changes nothing; disposing waits for both.
/// </summary>
internal sealed class JoinKeyMaterial : IAsyncDisposable
{
    private readonly Task<RSA> _nodeKey;
    private readonly Task<IReadOnlyList<string>> _rootKeys;

    private JoinKeyMaterial(Task<RSA> nodeKey, Task<IReadOnlyList<string>> rootKeys)
    {
        _nodeKey = nodeKey;
        _rootKeys = rootKeys;
    }

    /// <summary>Starts both; <paramref name="ssh"/> reports its progress line at once, from the calling thread.</summary>
    public static JoinKeyMaterial Start(SshKeySetup ssh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        var nodeKey = Task.Run(() => RSA.Create(CertificateValidity.NodeKeySize), cancellationToken);
        return new JoinKeyMaterial(nodeKey, ssh.EnsureRootKeyAsync(cancellationToken));
    }

    /// <summary>The node certificate's key; it stays owned (and is disposed) by this object.</summary>
    public Task<RSA> NodeKeyAsync() => _nodeKey;

    /// <summary>Root's public SSH keys, generated if there were none.</summary>
    public Task<IReadOnlyList<string>> RootKeysAsync() => _rootKeys;

    /// <summary>Waits for work still running (a failed join must not leave ssh-keygen behind) and drops the node key.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_nodeKey, _rootKeys).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LifecycleException or OperationCanceledException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            // Already reported to whoever awaited the failed key; a join that failed earlier reports its own error.
        }

        if (_nodeKey.IsCompletedSuccessfully)
        {
            _nodeKey.Result.Dispose();
        }
    }
}
