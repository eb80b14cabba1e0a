using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Services;

/// <summary>
/// What systemd and the Debian packages do around corosync-qnetd and corosync-qdevice, done by hand
/// inside a lab host: the qnetd certificate database the package's postinst creates, the runtime
/// directories the units declare, and qnetd's unprivileged user (User=coroqnetd in its unit).
/// </summary>
internal static class QdeviceDaemons
{
    public const int QnetdPort = 5403;

    private const string QnetdUser = "coroqnetd";
    private const string QnetdDatabase = "/etc/corosync/qnetd/nssdb";
    private const string QnetdRunDirectory = "/run/corosync-qnetd";
    private const string QdeviceRunDirectory = "/run/corosync-qdevice";

    /// <summary>qnetd as its unit runs it: foreground, as coroqnetd.</summary>
    public static IReadOnlyList<string> QnetdCommand { get; } =
        ["setpriv", $"--reuid={QnetdUser}", $"--regid={QnetdUser}", "--init-groups", "corosync-qnetd", "-f"];

    /// <summary>qdevice as its unit runs it (root, foreground).</summary>
    public static IReadOnlyList<string> QdeviceCommand { get; } = ["corosync-qdevice", "-f"];

    /// <summary>The program the daemon finally is (qnetd is exec'ed by setpriv).</summary>
    /// <summary>The certificate database (once, as the package's postinst) and the runtime directory, owned by coroqnetd.</summary>
    public static async Task PrepareQnetdAsync(CommandRunner runner, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(QnetdDatabase))
        {
            await runner.RunCheckedAsync(["corosync-qnetd-certutil", "-i"], cancellationToken).ConfigureAwait(false);
            await runner.RunCheckedAsync(["chown", "-R", $"root:{QnetdUser}", QnetdDatabase], cancellationToken).ConfigureAwait(false);
            await runner.RunCheckedAsync(["chmod", "-R", "g+r", QnetdDatabase], cancellationToken).ConfigureAwait(false);
        }
        Directory.CreateDirectory(QnetdRunDirectory);
        await runner.RunCheckedAsync(["chown", $"{QnetdUser}:{QnetdUser}", QnetdRunDirectory], cancellationToken).ConfigureAwait(false);
    }

    public static void PrepareQdevice() => Directory.CreateDirectory(QdeviceRunDirectory);

    /// <summary>qdevice serves once its local socket answers corosync-qdevice-tool.</summary>
    public static async Task<bool> QdeviceAnswersAsync(CommandRunner runner, CancellationToken cancellationToken) =>
        (await runner.RunAsync(["corosync-qdevice-tool", "-s"], cancellationToken).ConfigureAwait(false)).Succeeded;
}
