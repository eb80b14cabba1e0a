namespace PveCluster.Api.Join;

/// <summary>
/// Where the join endpoints find what lies outside /etc/pve: the corosync folder (<c>PVE_COROSYNC_DIR</c>,
/// default /etc/corosync) and the pvecm binary that runs create and join tasks (<c>PVE_PVECM</c>, default the
/// pvecm next to this server's executable, else pvecm on the PATH).
/// </summary>
public sealed record JoinSettings(string CorosyncDir, string PvecmPath)
{
    public string AuthKey => Path.Combine(CorosyncDir, "authkey");

    public static JoinSettings FromEnvironment()
    {
        var corosync = Environment.GetEnvironmentVariable("PVE_COROSYNC_DIR") is { Length: > 0 } dir ? dir : "/etc/corosync";
        var pvecm = Environment.GetEnvironmentVariable("PVE_PVECM") is { Length: > 0 } path ? path : DefaultPvecm();
        return new JoinSettings(corosync, pvecm);
    }

    private static string DefaultPvecm()
    {
        var besideUs = Path.Combine(AppContext.BaseDirectory, "pvecm");
        return File.Exists(besideUs) ? besideUs : "pvecm";
    }
}
