namespace PveCluster.Lab;

/// <summary>What a lab needs from the machine: root and a few programs on PATH.</summary>
public static class LabPrerequisites
{
    private static readonly string[] Programs =
        [
            "corosync", "corosync-keygen", "corosync-quorumtool", "corosync-cfgtool", "ip", "nsenter", "unshare", "setsid", "mount", "umount",
            "iptables", "openssl", "ssh-keygen", "sshd", "stat", "chown",
        ];

    /// <summary>Names of the missing prerequisites ("root", "corosync", ...); empty when the lab can run.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess)
        {
            missing.Add("root");
        }
        missing.AddRange(Programs.Where(p => FindOnPath(p) is null));
        return missing;
    }

    public static void ThrowIfMissing()
    {
        var missing = Missing();
        if (missing.Count > 0)
        {
            throw new LabException($"the lab cannot run here; missing: {string.Join(", ", missing)} (run scripts/setup.sh as root)");
        }
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        // sbin is often missing from a non-login PATH although the tools are there.
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return directories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }
}
