using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>
/// <c>.version</c>: daemon start time, the versions of the other views, the tree version and the
/// version of each well-known config file (0 when absent), so tools can poll one file to learn
/// what changed.
/// </summary>
internal sealed class VersionFile(IConfigTree tree, long startTime, MembersFile members, VmListFile vmList, string nodeName)
    : IGeneratedFile
{
    /// <summary>Files whose versions pmxcfs reports (paths relative to the mount root).</summary>
    public static readonly IReadOnlyList<string> WellKnownFiles =
    [
        "corosync.conf", "corosync.conf.new", "storage.cfg", "user.cfg", "domains.cfg", "notifications.cfg",
        "priv/notifications.cfg", "priv/shadow.cfg", "priv/acme/plugins.cfg", "priv/tfa.cfg", "priv/token.cfg",
        "datacenter.cfg", "vzdump.cron", "vzdump.conf", "jobs.cfg", "ha/crm_commands", "ha/manager_status",
        "ha/resources.cfg", "ha/rules.cfg", "ha/groups.cfg", "ha/fence.cfg", "status.cfg", "replication.cfg",
        "ceph.conf", "sdn/vnets.cfg", "sdn/zones.cfg", "sdn/controllers.cfg", "sdn/subnets.cfg", "sdn/ipams.cfg",
        "sdn/dns.cfg", "firewall/cluster.fw",
    ];

    public bool IsWritable => false;

    public string Name => ".version";

    public uint Permissions => 0b100_100_000; // 0440

    public byte[] Render()
    {
        // Rendering the views first makes their versions current.
        members.Render();
        vmList.Render();
        return JsonView.Write(json =>
        {
            json.WriteNumber("starttime", startTime);
            json.WriteNumber("clinfo", members.Version);
            json.WriteNumber("vmlist", vmList.Version);
            json.WriteNumber("tree", tree.TreeVersion);
            foreach (var path in WellKnownFiles)
                json.WriteNumber(path, tree.GetEntry("/" + path)?.Version ?? 0);
            json.WriteStartObject("kvstore");
            json.WriteStartObject(nodeName);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public CfsError Write(ReadOnlySpan<byte> content) => CfsError.AccessDenied;
}
