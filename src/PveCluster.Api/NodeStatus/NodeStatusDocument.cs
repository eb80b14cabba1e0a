using System.Text.Json.Nodes;

namespace PveCluster.Api.NodeStatus;

/// <summary>The <c>GET /nodes/{node}/status</c> object, with Proxmox's field names, from this node's own figures.</summary>
public static class NodeStatusDocument
{
    /// <summary>Linux's USER_HZ on every architecture Proxmox runs on; /proc/stat counts in these ticks.</summary>
    private const int UserHz = 100;

    public static JsonObject Build(LocalNodeMetrics metrics, ProductVersion version)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(version);
        var cpu = metrics.Cpu();
        var usage = metrics.CpuUsage();
        var memory = metrics.Memory();
        var rootfs = metrics.RootFileSystem();
        var kernel = metrics.Kernel();
        var load = new JsonArray();
        foreach (var value in metrics.LoadAverage())
        {
            load.Add(JsonValue.Create(value));
        }

        return new JsonObject
        {
            ["uptime"] = metrics.UptimeSeconds(),
            ["cpu"] = usage.Cpu,
            ["wait"] = usage.Wait,
            ["loadavg"] = load,
            ["cpuinfo"] = new JsonObject
            {
                ["model"] = cpu.Model,
                ["cpus"] = cpu.Cpus,
                ["sockets"] = cpu.Sockets,
                ["cores"] = cpu.Cores,
                ["mhz"] = cpu.Mhz,
                ["hvm"] = cpu.Hvm ? "1" : "0",
                ["flags"] = cpu.Flags,
                ["user_hz"] = UserHz,
            },
            ["memory"] = new JsonObject { ["total"] = memory.Total, ["used"] = memory.Used, ["free"] = memory.Available },
            ["swap"] = new JsonObject { ["total"] = memory.SwapTotal, ["used"] = memory.SwapUsed, ["free"] = memory.SwapTotal - memory.SwapUsed },
            ["rootfs"] = new JsonObject { ["total"] = rootfs.Total, ["used"] = rootfs.Used, ["avail"] = rootfs.Available, ["free"] = rootfs.Free },
            ["kversion"] = kernel.Summary,
            ["current-kernel"] = new JsonObject
            {
                ["sysname"] = kernel.SystemName,
                ["release"] = kernel.Release,
                ["version"] = kernel.Version,
                ["machine"] = kernel.Machine,
            },
            ["pveversion"] = version.Summary,
        };
    }
}
