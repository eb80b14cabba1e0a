using System.CommandLine;
using PveCluster.Api.Daemon;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Hosting;

/// <summary>The options pveproxy and pvedaemon share; both must be given the same values.</summary>
internal static class ApiCommandOptions
{
    public static Option<string> PveDir { get; } = new("--pve-dir")
    {
        Description = "cluster file system root",
        DefaultValueFactory = _ => "/etc/pve",
    };

    public static Option<string> Node { get; } = new("--node")
    {
        Description = "this node's name",
        DefaultValueFactory = _ => LocalNodeName.Get(),
    };

    public static Option<string> DaemonSocket { get; } = new("--daemon-socket")
    {
        Description = "pvedaemon's Unix socket",
        DefaultValueFactory = _ => DaemonHeaders.DefaultSocket,
    };

    public static Option<string[]> AllowUser { get; } = new("--allow-user")
    {
        Description = "user allowed to log in (repeatable; default root@pam)",
        DefaultValueFactory = _ => ["root@pam"],
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The <c>--allow-user</c> values, or null after reporting a bad one on stderr.</summary>
    public static async Task<List<UserId>?> AllowedUsersAsync(ParseResult result, string program)
    {
        var users = new List<UserId>();
        foreach (var text in result.GetValue(AllowUser) ?? [])
        {
            if (!UserId.TryParse(text, out var user))
            {
                await Console.Error.WriteLineAsync($"{program}: --allow-user '{text}' is not name@realm").ConfigureAwait(false);
                return null;
            }

            users.Add(user);
        }

        return users;
    }

    /// <summary>Runs the server until it is stopped; 2 when it cannot start.</summary>
    public static async Task<int> ServeAsync(Func<WebApplication> create, string program, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = create();
        }
        catch (Exception e) when (e is StartupException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"{program}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
