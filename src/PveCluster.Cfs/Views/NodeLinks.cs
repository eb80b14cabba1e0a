namespace PveCluster.Cfs.Views;

/// <summary>The top-level links into this node's directory that tools use instead of the node name.</summary>
internal static class NodeLinks
{
    public static IReadOnlyList<GeneratedLink> For(string nodeName)
    {
        var nodeDir = $"nodes/{nodeName}";
        return
        [
            new GeneratedLink("local", nodeDir),
            new GeneratedLink("qemu-server", $"{nodeDir}/qemu-server"),
            new GeneratedLink("lxc", $"{nodeDir}/lxc"),
            new GeneratedLink("openvz", $"{nodeDir}/openvz"),
        ];
    }
}
