namespace PveCluster.Api.PveFiles;

/// <summary>Where the API finds its files inside the cluster file system (normally /etc/pve).</summary>
public sealed class PveDirectory(string root)
{
    public string Root { get; } = root ?? throw new ArgumentNullException(nameof(root));

    public string CaCertificate => Path.Combine(Root, "pve-root-ca.pem");

    public string CaKey => Path.Combine(Root, "priv", "pve-root-ca.key");

    public string AuthPrivateKey => Path.Combine(Root, "priv", "authkey.key");

    public string AuthPublicKey => Path.Combine(Root, "authkey.pub");

    /// <summary>The public key before the last rotation; tickets it signed stay valid until they expire.</summary>
    public string AuthPublicKeyOld => Path.Combine(Root, "authkey.pub.old");

    /// <summary>Cluster-wide locks are directories here: pmxcfs lets exactly one node's mkdir succeed.</summary>
    public string LockDirectory => Path.Combine(Root, "priv", "lock");

    public string CsrfSecret => Path.Combine(Root, "priv", "pve-www.key");

    public string CorosyncConf => Path.Combine(Root, "corosync.conf");

    public string Members => Path.Combine(Root, ".members");

    /// <summary>pmxcfs's cluster log view: <c>{"data": [...]}</c>, newest first.</summary>
    public string ClusterLog => Path.Combine(Root, ".clusterlog");

    public string NodeDirectory(string node) => Path.Combine(Root, "nodes", node);

    public string NodeCertificate(string node) => Path.Combine(NodeDirectory(node), "pve-ssl.pem");

    public string NodeKey(string node) => Path.Combine(NodeDirectory(node), "pve-ssl.key");

    /// <summary>A custom (e.g. ACME) certificate; when present it is served and fingerprinted instead of pve-ssl.pem.</summary>
    public string NodeCustomCertificate(string node) => Path.Combine(NodeDirectory(node), "pveproxy-ssl.pem");

    public string NodeCustomKey(string node) => Path.Combine(NodeDirectory(node), "pveproxy-ssl.key");
}
