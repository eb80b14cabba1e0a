namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// The QDevice-net TLS material, made the way Proxmox makes it with corosync's certutil tools: the qnetd
/// server's CA goes to every node, this node's certificate request is signed by that CA on the qnetd server,
/// and the resulting cluster client certificate (PKCS#12) is imported on every node. Files travel between
/// nodes through /etc/pve/priv (root only, replicated by pmxcfs) and to/from qnetd over ssh, base64-armoured.
/// </summary>
public sealed class QdeviceCertificates(
    ClusterPaths paths, QdeviceMembers members, SecureShell qnetdShell, string qnetdHost, string clusterName, Action<string> progress)
{
    private const string QdeviceCertutil = "corosync-qdevice-net-certutil";
    private const string QnetdCertutil = "corosync-qnetd-certutil";
    private const string QnetdDatabase = "/etc/corosync/qnetd/nssdb";
    private const string QnetdCaFile = QnetdDatabase + "/qnetd-cacert.crt";
    private const string RequestOnQnetd = "/tmp/qdevice-net-node.crq";

    private string LocalDatabase => Path.Combine(paths.CorosyncDir, "qdevice", "net", "nssdb");

    private string TransferDirectory => Path.Combine(paths.EtcPve, "priv", "qdevice-net");

    /// <summary>Whether this node already has a QDevice certificate store.</summary>
    public bool LocalStoreExists => Directory.Exists(LocalDatabase);

    /// <summary>Creates and distributes every certificate; leaves the temporary copies in /etc/pve removed.</summary>
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        try
        {
            progress($"initialising the qnetd certificate database on {qnetdHost} (kept if it exists)");
            // Like Proxmox: the package's postinst usually created it already, so "already exists" is fine.
            _ = await qnetdShell.RunAsync(qnetdHost, [QnetdCertutil, "-i"], cancellationToken).ConfigureAwait(false);
            var ca = await DownloadAsync(QnetdCaFile, "reading the qnetd CA certificate", cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(TransferDirectory);
            var caCopy = Path.Combine(TransferDirectory, "qnetd-cacert.crt");
            await File.WriteAllBytesAsync(caCopy, ca, cancellationToken).ConfigureAwait(false);
            await members.RunEverywhereAsync(
                [QdeviceCertutil, "-i", "-c", caCopy], "initialising the QDevice certificate store with the qnetd CA", progress, cancellationToken)
                .ConfigureAwait(false);

            progress($"creating the certificate request for cluster '{clusterName}'");
            await members.RunCheckedAsync(members.Local, [QdeviceCertutil, "-r", "-n", clusterName], "creating the certificate request", cancellationToken)
                .ConfigureAwait(false);
            var request = await File.ReadAllBytesAsync(Path.Combine(LocalDatabase, "qdevice-net-node.crq"), cancellationToken).ConfigureAwait(false);
            await UploadAsync(request, RequestOnQnetd, cancellationToken).ConfigureAwait(false);
            progress($"signing the cluster certificate on {qnetdHost}");
            await qnetdShell.RunCheckedAsync(
                qnetdHost, [QnetdCertutil, "-s", "-c", RequestOnQnetd, "-n", clusterName], "signing the cluster certificate", cancellationToken)
                .ConfigureAwait(false);
            var certificate = await DownloadAsync(
                $"{QnetdDatabase}/cluster-{clusterName}.crt", "reading the signed cluster certificate", cancellationToken).ConfigureAwait(false);
            var localCertificate = Path.Combine(LocalDatabase, $"cluster-{clusterName}.crt");
            await File.WriteAllBytesAsync(localCertificate, certificate, cancellationToken).ConfigureAwait(false);
            await members.RunCheckedAsync(members.Local, [QdeviceCertutil, "-M", "-c", localCertificate], "importing the cluster certificate", cancellationToken)
                .ConfigureAwait(false);

            var p12Copy = Path.Combine(TransferDirectory, "qdevice-net-node.p12");
            File.Copy(Path.Combine(LocalDatabase, "qdevice-net-node.p12"), p12Copy, overwrite: true);
            foreach (var member in members.All.Where(m => !m.IsLocal))
            {
                progress($"node '{member.Name}': importing the cluster client certificate");
                await members.RunCheckedAsync(member, [QdeviceCertutil, "-m", "-c", p12Copy], "importing the cluster client certificate", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            RemoveTransferCopies();
        }
    }

    /// <summary>The signing request left on qnetd (best effort: the server may be the part that failed).</summary>
    public async Task RemoveRequestFromQnetdAsync(CancellationToken cancellationToken) =>
        _ = await qnetdShell.RunAsync(qnetdHost, ["rm", "-f", RequestOnQnetd], cancellationToken).ConfigureAwait(false);

    private void RemoveTransferCopies()
    {
        if (Directory.Exists(TransferDirectory))
        {
            Directory.Delete(TransferDirectory, recursive: true);
        }
    }

    private async Task<byte[]> DownloadAsync(string remotePath, string what, CancellationToken cancellationToken)
    {
        var text = await qnetdShell.RunCheckedAsync(qnetdHost, ["base64", "-w0", remotePath], what, cancellationToken).ConfigureAwait(false);
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException ex)
        {
            throw new LifecycleException($"{what} on {qnetdHost}: the transfer arrived damaged ({ex.Message})", ex);
        }
    }

    private async Task UploadAsync(byte[] content, string remotePath, CancellationToken cancellationToken) =>
        _ = await qnetdShell.RunCheckedAsync(
            qnetdHost, ["sh", "-c", $"base64 -d > {SecureShell.Quote(remotePath)}"], $"copying the certificate request to {remotePath}",
            cancellationToken, Convert.ToBase64String(content) + "\n").ConfigureAwait(false);
}
