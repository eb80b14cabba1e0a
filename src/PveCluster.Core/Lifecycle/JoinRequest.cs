using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>Everything the joining node checks before <c>pvecm add</c> contacts the cluster.</summary>
/// <param name="NodeName">This host's node name.</param>
/// <param name="Cluster">What is known about the cluster to join.</param>
/// <param name="Links">The <c>--linkN</c> options given (may be empty on a single-link cluster).</param>
/// <param name="LocalAddresses">IPs configured on this host.</param>
/// <param name="ResolvedNodeAddress">The IP this host's name resolves to, or null.</param>
/// <param name="State">Cluster files and services already present on this host.</param>
/// <param name="GuestConfigFiles">Paths of files under <c>/etc/pve/nodes/*/qemu-server</c> and <c>lxc</c>.</param>
/// <param name="Force">
/// <c>--force</c>: local-state problems become warnings (as Proxmox's assert_joinable does) and an
/// existing nodelist entry with this node's name is replaced.
/// </param>
public sealed record JoinRequest(
    string NodeName,
    JoinTarget Cluster,
    IReadOnlyList<LinkSpec> Links,
    LocalAddressSet LocalAddresses,
    string? ResolvedNodeAddress,
    LocalClusterState State,
    IReadOnlyList<string> GuestConfigFiles,
    bool Force = false);
