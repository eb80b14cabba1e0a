using System.CommandLine;
using PveCluster.Api.Daemon;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Hosting;

/// <summary>
/// <c>pvedaemon [--pve-dir DIR] [--node NAME] [--task-dir DIR] [--pam-service NAME] [--daemon-socket PATH] ...</c>
/// runs the root daemon; <c>pvedaemon setup-certs</c> creates the missing CA, node certificate and auth keys.
/// </summary>
public static class DaemonCommandLine
{
    public const string Program = "pvedaemon";

    public static Task<int> RunAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>The command line alone (pve-docgen writes the man page from it).</summary>
    public static RootCommand CreateRootCommand()
    {
        var taskDir = new Option<string>("--task-dir")
        {
            Description = "where task logs are kept",
            DefaultValueFactory = _ => "/var/log/pve/tasks",
        };
        var pamService = new Option<string>("--pam-service") { Description = "PAM service name", DefaultValueFactory = _ => "pve-api" };
        var root = new RootCommand("Proxmox-compatible API daemon: the root half of the API, on a local Unix socket for pveproxy")
        {
            ApiCommandOptions.PveDir, ApiCommandOptions.Node, taskDir, pamService, ApiCommandOptions.DaemonSocket, ApiCommandOptions.AllowUser,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            if (await ApiCommandOptions.AllowedUsersAsync(result, Program).ConfigureAwait(false) is not { } users)
            {
                return 2;
            }

            if (!Environment.IsPrivilegedProcess)
            {
                await Console.Error.WriteLineAsync($"{Program}: must run as root (PAM, /etc/pve/priv, corosync)").ConfigureAwait(false);
                return 2;
            }

            var options = new ApiOptions
            {
                PveDir = result.GetValue(ApiCommandOptions.PveDir)!,
                Node = result.GetValue(ApiCommandOptions.Node)!,
                TaskDir = result.GetValue(taskDir)!,
                PamService = result.GetValue(pamService)!,
                DaemonSocket = result.GetValue(ApiCommandOptions.DaemonSocket)!,
                AllowedUsers = users,
            };
            return await ApiCommandOptions.ServeAsync(
                () => DaemonServer.Create(options, SystemAccount.Find(SystemAccount.ProxyUserName)), Program, cancellationToken).ConfigureAwait(false);
        });

        var setup = new Command("setup-certs", "create the cluster CA, this node's certificate and the auth keys if missing")
        {
            ApiCommandOptions.PveDir, ApiCommandOptions.Node,
        };
        setup.SetAction(result =>
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
            var pveDir = new PveDirectory(result.GetValue(ApiCommandOptions.PveDir)!);
            new PveDirSetup(pveDir, loggers.CreateLogger("setup-certs")).EnsureAll(result.GetValue(ApiCommandOptions.Node)!, null, DateTimeOffset.UtcNow);
            return 0;
        });
        root.Subcommands.Add(setup);
        return root;
    }
}
