using System.Globalization;

namespace PveCluster.Api.NodeStatus;

/// <summary>Parsers for the /proc files the node status reads. Pure: tests feed them text.</summary>
public static class ProcFs
{
    /// <summary>The aggregate <c>cpu</c> line of <c>/proc/stat</c>, in clock ticks.</summary>
    public static CpuTimes ParseCpuTimes(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException("/proc/stat has no aggregate 'cpu' line");
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(ParseULong).ToArray();
        if (fields.Length < 5)
        {
            throw new FormatException($"/proc/stat 'cpu' line has {fields.Length} fields, expected at least 5");
        }

        // user nice system idle iowait irq softirq steal (guest and guest_nice are already counted in user and nice)
        var total = fields.Take(8).Aggregate(0UL, (sum, value) => sum + value);
        return new CpuTimes(total, fields[3], fields[4]);
    }

    /// <summary><c>/proc/meminfo</c> values in bytes.</summary>
    public static MemoryInfo ParseMemInfo(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in meminfo.Split('\n'))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2)
            {
                var number = parts[1].Trim().Split(' ')[0];
                if (ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                {
                    values[parts[0].Trim()] = kib * 1024;
                }
            }
        }

        ulong Get(string name) => values.TryGetValue(name, out var value) ? value : throw new FormatException($"/proc/meminfo has no {name}");
        var total = Get("MemTotal");
        var available = values.TryGetValue("MemAvailable", out var a) ? a : Get("MemFree");
        return new MemoryInfo(total, Math.Min(available, total), Get("SwapTotal"), Get("SwapFree"));
    }

    /// <summary>Seconds since boot (first field of <c>/proc/uptime</c>).</summary>
    public static long ParseUptime(string uptime)
    {
        ArgumentNullException.ThrowIfNull(uptime);
        var first = uptime.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? (long)seconds
            : throw new FormatException($"/proc/uptime: '{first}' is not a number");
    }

    /// <summary>The three load averages of <c>/proc/loadavg</c>, as the text the kernel wrote (Proxmox sends strings).</summary>
    public static IReadOnlyList<string> ParseLoadAverage(string loadavg)
    {
        ArgumentNullException.ThrowIfNull(loadavg);
        var fields = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3 || fields.Take(3).Any(f => !double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"/proc/loadavg: unexpected content '{loadavg.Trim()}'");
        }

        return fields[..3];
    }

    /// <summary>Model, logical CPUs, sockets, cores per socket, clock and flags from <c>/proc/cpuinfo</c>.</summary>
    public static CpuModel ParseCpuInfo(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var cpus = 0;
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        string? model = null, mhz = null, flags = null;
        var cores = 0;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2)
            {
                continue;
            }

            var (key, value) = (parts[0].Trim(), parts[1].Trim());
            switch (key)
            {
                case "processor": cpus++; break;
                case "model name": model ??= value; break;
                case "cpu MHz": mhz ??= value; break;
                case "flags": flags ??= value; break;
                case "physical id": sockets.Add(value); break;
                case "cpu cores" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c): cores = c; break;
                default: break;
            }
        }

        var socketCount = Math.Max(1, sockets.Count);
        return new CpuModel(model ?? "unknown", Math.Max(1, cpus), socketCount, cores > 0 ? cores : Math.Max(1, cpus) / socketCount,
            mhz ?? "", flags ?? "");
    }

    private static ulong ParseULong(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"/proc/stat: '{text}' is not a counter");
}

/// <summary>Cumulative CPU time since boot, all CPUs together, in clock ticks.</summary>
public sealed record CpuTimes(ulong Total, ulong Idle, ulong IoWait);

public sealed record MemoryInfo(ulong Total, ulong Available, ulong SwapTotal, ulong SwapFree)
{
    public ulong Used => Total - Available;

    public ulong SwapUsed => SwapTotal - Math.Min(SwapFree, SwapTotal);
}

public sealed record CpuModel(string Model, int Cpus, int Sockets, int Cores, string Mhz, string Flags)
{
    /// <summary>Hardware virtualization available (vmx or svm flag), as Proxmox's <c>hvm</c>.</summary>
    public bool Hvm => Flags.Split(' ').Any(flag => flag is "vmx" or "svm");
}
