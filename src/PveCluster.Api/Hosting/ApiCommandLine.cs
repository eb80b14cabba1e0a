using System.CommandLine;
using System.Net;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Hosting;

/// <summary>
/// <c>pve-api [--listen ADDR] [--port N] [--pve-dir DIR] [--node NAME] ...</c> runs the server;
/// <c>pve-api setup-certs</c> creates the missing CA, node certificate and auth keys first.
/// </summary>
public static class ApiCommandLine
{
    private static readonly Option<string> PveDirOption = new("--pve-dir")
    {
        Description = "cluster file system root",
        DefaultValueFactory = _ => "/etc/pve",
    };

    private static readonly Option<string> NodeOption = new("--node")
    {
        Description = "this node's name",
        DefaultValueFactory = _ => LocalNodeName.Get(),
    };

    public static Task<int> RunAsync(string[] args)
    {
        var listen = new Option<string>("--listen") { Description = "address to listen on", DefaultValueFactory = _ => "::" };
        var port = new Option<int>("--port") { Description = "HTTPS port", DefaultValueFactory = _ => ApiOptions.DefaultPort };
        var taskDir = new Option<string>("--task-dir")
        {
            Description = "where task logs are kept",
            DefaultValueFactory = _ => "/var/log/pve/tasks",
        };
        var guiDir = new Option<string>("--gui-dir") { Description = "the published web GUI, served at /", DefaultValueFactory = _ => Gui.GuiHosting.DefaultRoot };
        var pamService = new Option<string>("--pam-service") { Description = "PAM service name", DefaultValueFactory = _ => "pve-api" };
        var allowUser = new Option<string[]>("--allow-user")
        {
            Description = "user allowed to log in (repeatable; default root@pam)",
            DefaultValueFactory = _ => ["root@pam"],
            AllowMultipleArgumentsPerToken = false,
        };

        var root = new RootCommand("Proxmox-compatible cluster REST API (/api2/json over HTTPS)")
        {
            listen, port, PveDirOption, NodeOption, taskDir, pamService, allowUser, guiDir,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            if (!IPAddress.TryParse(result.GetValue(listen), out var address))
            {
                await Console.Error.WriteLineAsync($"pve-api: --listen '{result.GetValue(listen)}' is not an IP address").ConfigureAwait(false);
                return 2;
            }

            var users = new List<UserId>();
            foreach (var text in result.GetValue(allowUser) ?? [])
            {
                if (!UserId.TryParse(text, out var user))
                {
                    await Console.Error.WriteLineAsync($"pve-api: --allow-user '{text}' is not name@realm").ConfigureAwait(false);
                    return 2;
                }

                users.Add(user);
            }

            var options = new ApiOptions
            {
                Listen = address,
                Port = result.GetValue(port),
                PveDir = result.GetValue(PveDirOption)!,
                Node = result.GetValue(NodeOption)!,
                TaskDir = result.GetValue(taskDir)!,
                PamService = result.GetValue(pamService)!,
                AllowedUsers = users,
                GuiDir = result.GetValue(guiDir)!,
            };
            return await ServeAsync(options, cancellationToken).ConfigureAwait(false);
        });

        var setup = new Command("setup-certs", "create the cluster CA, this node's certificate and the auth keys if missing")
        {
            PveDirOption, NodeOption,
        };
        setup.SetAction(result =>
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
            var pveDir = new PveDirectory(result.GetValue(PveDirOption)!);
            new PveDirSetup(pveDir, loggers.CreateLogger("setup-certs")).EnsureAll(result.GetValue(NodeOption)!, null, DateTimeOffset.UtcNow);
            return 0;
        });
        root.Subcommands.Add(setup);
        return root.Parse(args).InvokeAsync();
    }

    private static async Task<int> ServeAsync(ApiOptions options, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ApiServer.Create(options);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"pve-api: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
