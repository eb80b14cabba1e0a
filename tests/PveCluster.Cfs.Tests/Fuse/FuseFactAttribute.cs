namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>
/// A test that mounts a real FUSE file system. It is skipped, with the missing prerequisite as the
/// reason, when /dev/fuse or root is not available, unless PVE_LAB_REQUIRED=1 (CI on a lab machine),
/// in which case it runs and fails loudly.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FuseFactAttribute : FactAttribute
{
    public FuseFactAttribute()
    {
        if (MissingPrerequisite() is { } reason && Environment.GetEnvironmentVariable("PVE_LAB_REQUIRED") != "1")
            Skip = reason;
    }

    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux())
            return "FUSE mount tests need Linux";
        if (!File.Exists("/dev/fuse"))
            return "/dev/fuse is not available (load the fuse module or pass the device into the container)";
        if (Environment.UserName != "root")
            return "mounting without fusermount3 needs root";
        return null;
    }
}
