namespace PveCluster.Api.Hosting;

/// <summary>The default node name: the host name up to the first dot, as Proxmox names nodes.</summary>
public static class LocalNodeName
{
    public static string Get() => FromHostName(Environment.MachineName);

    public static string FromHostName(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? hostName[..dot] : hostName;
    }
}
