using System.CommandLine;
using System.Net;

namespace PveCluster.Api.Hosting;

/// <summary>
/// <c>pveproxy [--listen ADDR] [--port N] [--pve-dir DIR] [--node NAME] [--daemon-socket PATH] [--allow-user U ...]</c>.
/// It runs as www-data and refuses to start as root: started by its unit (<c>User=www-data</c>) or by
/// <c>setpriv --reuid=www-data --regid=www-data --init-groups pveproxy</c>.
/// </summary>
public static class ProxyCommandLine
{
    public const string Program = "pveproxy";

    public static Task<int> RunAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>The command line alone (pve-docgen writes the man page from it).</summary>
    public static RootCommand CreateRootCommand()
    {
        var listen = new Option<string>("--listen") { Description = "address to listen on", DefaultValueFactory = _ => "::" };
        var port = new Option<int>("--port") { Description = "HTTPS port", DefaultValueFactory = _ => ApiOptions.DefaultPort };
        var guiDir = new Option<string>("--gui-dir") { Description = "the published web GUI, served at /", DefaultValueFactory = _ => Gui.GuiHosting.DefaultRoot };
        var root = new RootCommand("Proxmox-compatible API proxy: /api2/json over HTTPS, unprivileged (www-data)")
        {
            listen, port, ApiCommandOptions.PveDir, ApiCommandOptions.Node, ApiCommandOptions.DaemonSocket, ApiCommandOptions.AllowUser, guiDir,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            if (!IPAddress.TryParse(result.GetValue(listen), out var address))
            {
                await Console.Error.WriteLineAsync($"{Program}: --listen '{result.GetValue(listen)}' is not an IP address").ConfigureAwait(false);
                return 2;
            }

            if (await ApiCommandOptions.AllowedUsersAsync(result, Program).ConfigureAwait(false) is not { } users)
            {
                return 2;
            }

            if (Environment.IsPrivilegedProcess)
            {
                await Console.Error.WriteLineAsync(
                    $"{Program}: refusing to run as root; start it as www-data (setpriv --reuid=www-data --regid=www-data --init-groups {Program})")
                    .ConfigureAwait(false);
                return 2;
            }

            var options = new ApiOptions
            {
                Listen = address,
                Port = result.GetValue(port),
                PveDir = result.GetValue(ApiCommandOptions.PveDir)!,
                Node = result.GetValue(ApiCommandOptions.Node)!,
                DaemonSocket = result.GetValue(ApiCommandOptions.DaemonSocket)!,
                AllowedUsers = users,
                GuiDir = result.GetValue(guiDir)!,
            };
            return await ApiCommandOptions.ServeAsync(() => ProxyServer.Create(options), Program, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }
}
