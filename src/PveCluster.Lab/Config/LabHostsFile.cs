using System.Text;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;

namespace PveCluster.Lab.Config;

/// <summary>The /etc/hosts every node sees: all lab node names resolve to their link0 address, as on real hosts.</summary>
public static class LabHostsFile
{
    public static string Render(int nodeCount, LabAddressing addressing)
    {
        var text = new StringBuilder();
        text.Append("127.0.0.1 localhost\n");
        text.Append("::1 localhost ip6-localhost ip6-loopback\n");
        for (var node = 1; node <= nodeCount; node++)
        {
            text.Append(addressing.Node(node, 0)).Append(' ').Append(LabNames.NodeName(node)).Append('\n');
        }
        return text.ToString();
    }
}
