using System.Diagnostics;
using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Without -f pmxcfs detaches. .NET cannot fork, so the same program is started again with -f in
/// a new session (setsid(1)); this process returns once the child has mounted (exit 0) or died
/// (its exit code). Like any daemon the child lets go of the caller's terminal or pipes (otherwise
/// <c>ssh node pmxcfs -l</c> or a script reading the output would wait for it forever): its input is
/// /dev/null and its log goes to the journal (identifier pmxcfs) where journald runs, else nowhere.
/// </summary>
internal static class Daemonizer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> StartInBackgroundAsync(CfsOptions options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in DetachedCommandLine())
            start.ArgumentList.Add(argument);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start /bin/sh");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (MountInfoFile.Find(options.MountPoint) is { FileSystemType: "fuse" })
                return 0;
            if (child.HasExited)
            {
                await Console.Error.WriteLineAsync(
                    $"pmxcfs: the background process exited with {child.ExitCode}{(HasJournal ? " (its log: journalctl -t pmxcfs)" : "")}").ConfigureAwait(false);
                return child.ExitCode == 0 ? 1 : child.ExitCode;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"pmxcfs: {options.MountPoint} was not mounted within {StartTimeout.TotalSeconds} s").ConfigureAwait(false);
        return 1;
    }

    /// <summary>journald's socket for the standard output of programs (what systemd-cat connects to).</summary>
    private static bool HasJournal => File.Exists("/run/systemd/journal/stdout") && File.Exists("/usr/bin/systemd-cat");

    /// <summary>sh -c 'exec setsid [systemd-cat -t pmxcfs] pmxcfs ... --foreground' with the standard streams detached.</summary>
    private static List<string> DetachedCommandLine()
    {
        var script = HasJournal
            ? "exec setsid systemd-cat --identifier=pmxcfs \"$@\" </dev/null >/dev/null 2>&1"
            : "exec setsid \"$@\" </dev/null >/dev/null 2>&1";
        return ["-c", script, "pmxcfs", .. ChildCommandLine()];
    }

    /// <summary>This program's own command line plus --foreground (works for the apphost and for "dotnet pmxcfs.dll").</summary>
    private static List<string> ChildCommandLine()
    {
        var arguments = Environment.GetCommandLineArgs();
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        var isDotnetHost = Path.GetFileNameWithoutExtension(process) == "dotnet";
        List<string> command = isDotnetHost ? [process, arguments[0]] : [process];
        command.AddRange(arguments.Skip(1));
        command.Add("--foreground");
        return command;
    }
}
