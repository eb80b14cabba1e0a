namespace PveCluster.Guests;

/// <summary>The paths pve-guests reads below the pmxcfs mount (default /etc/pve).</summary>
internal sealed record PveDirectory(string Root)
{
    public const string DefaultRoot = "/etc/pve";

    public string MembersFile => Path.Combine(Root, ".members");

    public string DatacenterConfig => Path.Combine(Root, "datacenter.cfg");

    /// <summary>This node's guest configs: <c>local</c> is pmxcfs's link to <c>nodes/&lt;this node&gt;</c>.</summary>
    public string GuestDirectory(string kind) => Path.Combine(Root, "local", kind);
}
