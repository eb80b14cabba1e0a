using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Packaging;

/// <summary>
/// The published pmxcfs started the way pve-cluster.service starts it: <c>--foreground</c>, a parent process named
/// systemd and $NOTIFY_SOCKET (what Microsoft.Extensions.Hosting.Systemd checks), on a node without any corosync.conf.
/// It must fall back to local mode by itself, say so, log with journald priority prefixes, report READY=1 only once
/// the file system is mounted, and unmount on SIGTERM.
/// </summary>
public sealed class PmxcfsUnderSystemdTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _root = Directory.CreateTempSubdirectory("pmxcfs-systemd-").FullName;

    private string MountPoint => Path.Combine(_root, "pve");

    public void Dispose()
    {
        if (!IsMounted(MountPoint))
            Directory.Delete(_root, recursive: true);
    }

    private static bool IsMounted(string path) =>
        File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).Any(f => f.Length > 2 && f[1] == path && f[2].StartsWith("fuse", StringComparison.Ordinal));

    [PackagingFact]
    public async Task Without_corosync_conf_it_runs_in_local_mode_notifies_ready_once_mounted_and_logs_for_the_journal()
    {
        PackagingRequirements.ThrowIfMissing();
        var notifyPath = Path.Combine(_root, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));

        // A bash named "systemd" as the parent; the trailing command keeps bash from exec'ing pmxcfs in its place.
        var fakeSystemd = Path.Combine(_root, "systemd");
        File.CreateSymbolicLink(fakeSystemd, "/bin/bash");
        var start = new ProcessStartInfo(fakeSystemd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", "\"$0\" \"$@\"; exit $?", Path.Combine(PackagingRequirements.Artifacts, "pmxcfs"), "--foreground",
            "--mountpoint", MountPoint, "--db", Path.Combine(_root, "lib", "config.db"),
            "--corosync-conf", Path.Combine(_root, "corosync", "corosync.conf"), "--nodename", "solo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NOTIFY_SOCKET"] = notifyPath;
        using var parent = Process.Start(start)!;
        // The journal takes both streams; the console logger writes to standard output.
        var output = new StringBuilder();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
                lock (output) output.AppendLine(e.Data);
        }

        parent.ErrorDataReceived += Collect;
        parent.OutputDataReceived += Collect;
        parent.BeginErrorReadLine();
        parent.BeginOutputReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(Deadline);
            var buffer = new byte[4096];
            var received = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, received);
            Assert.Contains("READY=1", message, StringComparison.Ordinal);
            Assert.True(IsMounted(MountPoint), "READY=1 arrived before the mount");

            // Local mode: writable without corosync or quorum.
            var guest = Path.Combine(MountPoint, "nodes", "solo", "qemu-server", "100.conf");
            await Polling.UntilAsync(
                _ => Task.FromResult(Directory.Exists(Path.GetDirectoryName(guest))), exists => exists, Deadline, "the base tree", CancellationToken.None);
            await File.WriteAllTextAsync(guest, "memory: 512\n");
            Assert.Equal("memory: 512\n", await File.ReadAllTextAsync(guest));

            var pmxcfs = ChildOf(parent.Id);
            Assert.Equal(0, Kill(pmxcfs, 15));
            Assert.True(parent.WaitForExit(Deadline), "pmxcfs did not stop on SIGTERM");
            parent.WaitForExit(); // drains the redirected output
            Assert.Equal(0, parent.ExitCode);
            Assert.False(IsMounted(MountPoint));

            string log;
            lock (output) log = output.ToString();
            // <6> = informational: journald stores it as the entry's priority (the unit sets the identifier).
            Assert.Matches(@"(?m)^<6>.*local mode \(the database has no corosync\.conf and there is no .*corosync\.conf to import: this node is not part of a cluster\)", log);
            Assert.Matches(@"(?m)^<6>.*mounted at " + System.Text.RegularExpressions.Regex.Escape(MountPoint), log);
            Assert.DoesNotMatch(@"(?m)^(?!<\d>)\S", log);
        }
        finally
        {
            if (!parent.HasExited)
            {
                Kill(ChildOf(parent.Id), 9);
                parent.Kill();
                parent.WaitForExit(Deadline);
            }

            if (IsMounted(MountPoint))
                Process.Start("umount", ["-l", MountPoint])?.WaitForExit(Deadline);
        }
    }

    /// <summary>The one child of the fake systemd: pmxcfs.</summary>
    private static int ChildOf(int parent) =>
        int.Parse(File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(),
            System.Globalization.CultureInfo.InvariantCulture);

    private static int Kill(int pid, int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
