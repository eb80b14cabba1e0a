using System.Runtime.InteropServices;

namespace PveCluster.Api.NodeStatus;

/// <summary>
/// What this node's kernel says about itself: uptime, load, CPU, memory, swap, the root file system and the running
/// kernel. Read fresh on every call (the files are tiny and in memory); only the CPU load keeps the previous reading.
/// Another node's figures are not known here: pmxcfs does not carry node metrics, so they come from that node's own API.
/// </summary>
public sealed class LocalNodeMetrics
{
    private readonly string _proc;
    private readonly string _rootfs;
    private readonly CpuUsageSampler _cpu;

    /// <param name="time">Clock for the CPU load interval.</param>
    /// <param name="proc">The proc file system (tests point it at a folder of sample files).</param>
    /// <param name="rootfs">The mount whose size is reported as <c>rootfs</c>/<c>disk</c>.</param>
    public LocalNodeMetrics(TimeProvider time, string proc = "/proc", string rootfs = "/")
    {
        _proc = proc;
        _rootfs = rootfs;
        _cpu = new CpuUsageSampler(() => ProcFs.ParseCpuTimes(Read("stat")), time);
    }

    public long UptimeSeconds() => ProcFs.ParseUptime(Read("uptime"));

    public CpuUsage CpuUsage() => _cpu.Sample();

    public CpuModel Cpu() => ProcFs.ParseCpuInfo(Read("cpuinfo"));

    public MemoryInfo Memory() => ProcFs.ParseMemInfo(Read("meminfo"));

    public IReadOnlyList<string> LoadAverage() => ProcFs.ParseLoadAverage(Read("loadavg"));

    public FileSystemUsage RootFileSystem()
    {
        var drive = new DriveInfo(_rootfs);
        var total = (ulong)drive.TotalSize;
        var free = (ulong)drive.TotalFreeSpace;
        return new FileSystemUsage(total, total - Math.Min(free, total), (ulong)drive.AvailableFreeSpace, free);
    }

    public KernelInfo Kernel() => new(
        Read("sys/kernel/ostype").Trim(),
        Read("sys/kernel/osrelease").Trim(),
        Read("sys/kernel/version").Trim(),
        MachineName(RuntimeInformation.OSArchitecture));

    /// <summary>uname's machine name for the architecture .NET reports.</summary>
    private static string MachineName(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        Architecture.Arm => "armv7l",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private string Read(string name) => File.ReadAllText(Path.Combine(_proc, name));
}

/// <summary>Sizes in bytes; <c>Available</c> is what an unprivileged writer may still use.</summary>
public sealed record FileSystemUsage(ulong Total, ulong Used, ulong Available, ulong Free);

/// <summary>The running kernel as uname reports it.</summary>
public sealed record KernelInfo(string SystemName, string Release, string Version, string Machine)
{
    /// <summary>Proxmox's <c>kversion</c>: <c>uname -srv</c>.</summary>
    public string Summary => $"{SystemName} {Release} {Version}";
}
