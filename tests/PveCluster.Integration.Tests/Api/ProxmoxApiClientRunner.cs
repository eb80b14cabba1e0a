using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Api;

/// <summary>
/// Runs tests/clients/proxmox-api/check.mjs: the npm client <c>proxmox-api</c> (installed by scripts/setup.sh with
/// <c>npm ci</c>) logs in to a node as root@pam and calls every read path; the answer maps each path to
/// <c>{"ok": true, "data": ...}</c> or <c>{"ok": false, "error": ...}</c>.
/// </summary>
public static class ProxmoxApiClientRunner
{
    public static string ClientDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "clients", "proxmox-api");

    /// <summary>Why the client cannot run here (not installed), or null.</summary>
    public static string? MissingReason() =>
        File.Exists(Path.Combine(ClientDirectory, "node_modules", "proxmox-api", "package.json"))
            ? null
            : $"the npm client is not installed in {ClientDirectory} (run scripts/setup.sh)";

    public static async Task<JsonObject> RunAsync(string host, string node, string? peer, string caPem, string password, CancellationToken ct)
    {
        if (MissingReason() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var caFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(caFile, caPem, ct);
            var runner = new CommandRunner(NullLogger.Instance);
            // Trust the cluster CA and nothing else added: the client verifies the node certificate as it would in production.
            runner.Environment["NODE_EXTRA_CA_CERTS"] = caFile;
            runner.Environment["PVE_PASSWORD"] = password;
            // The client's URL has no port unless given one (its docs claim 8006).
            runner.Environment["PVE_PORT"] = "8006";
            var result = await runner.RunAsync(["node", Path.Combine(ClientDirectory, "check.mjs"), host, node, .. (peer is null ? Array.Empty<string>() : [peer])], ct);
            Assert.True(result.Succeeded, $"check.mjs failed ({result.ExitCode}): {result.StandardError}");
            return JsonNode.Parse(result.StandardOutput)!.AsObject();
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PveCluster.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no PveCluster.slnx above {AppContext.BaseDirectory}");
    }
}
