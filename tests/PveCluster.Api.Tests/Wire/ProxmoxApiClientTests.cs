using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Tests.Wire;

/// <summary>
/// The npm client <c>proxmox-api</c> (tests/clients/proxmox-api, installed by scripts/setup.sh) against this server,
/// logging in with a ticket as password (renewal, no PAM needed): it reads our answers, and it rejects every one of
/// them when the content type is ASP.NET's default instead of Proxmox's — the failure the lab test
/// ApiCompatLabTests would show. The full path list runs there, on a real cluster.
/// </summary>
public sealed class ProxmoxApiClientTests
{
    private static readonly string[] ReadablePaths = ["/version", "/access/domains", "/nodes", "/nodes/testnode/status", "/cluster/status", "/cluster/tasks"];

    [Fact]
    public async Task Client_reads_the_answers()
    {
        var server = new ApiServerFixture();
        await server.InitializeAsync();
        JsonObject results;
        try
        {
            results = await RunAsync(server);
        }
        finally
        {
            await server.DisposeAsync();
        }

        foreach (var path in ReadablePaths)
        {
            Assert.True(results[path]!["ok"]!.GetValue<bool>(), $"{path}: {results[path]}");
        }

        Assert.Equal("testnode", results["/nodes"]!["data"]![0]!["node"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_rejects_every_answer_with_aspnet_default_content_type()
    {
        var server = new DefaultContentTypeServer();
        await server.InitializeAsync();
        JsonObject results;
        try
        {
            results = await RunAsync(server);
        }
        finally
        {
            await server.DisposeAsync();
        }

        foreach (var path in ReadablePaths)
        {
            Assert.False(results[path]!["ok"]!.GetValue<bool>(), $"{path}: {results[path]}");
            Assert.Contains("unexpected contentType \"application/json; charset=utf-8\"", results[path]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private static async Task<JsonObject> RunAsync(ApiServerFixture server)
    {
        var client = Path.Combine(RepositoryRoot(), "tests", "clients", "proxmox-api");
        Assert.True(File.Exists(Path.Combine(client, "node_modules", "proxmox-api", "package.json")),
            $"the npm client is not installed in {client} (run scripts/setup.sh)");
        var ca = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(ca, server.Ca.ExportCertificatePem());
            var start = new ProcessStartInfo("node", [Path.Combine(client, "check.mjs"), server.BaseAddress.Host, ApiServerFixture.NodeName])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["NODE_EXTRA_CA_CERTS"] = ca,
                    ["PVE_PASSWORD"] = server.Ticket(),
                    ["PVE_PORT"] = server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"check.mjs exited {process.ExitCode}: {await errors}");
            return JsonNode.Parse(await output)!.AsObject();
        }
        finally
        {
            File.Delete(ca);
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

    /// <summary>The server as it answered before: ASP.NET Core's <c>application/json; charset=utf-8</c>.</summary>
    private sealed class DefaultContentTypeServer : ApiServerFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddTransient<IStartupFilter, DefaultContentType>();

        private sealed class DefaultContentType : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.ContentType == ProxmoxJsonResult.ContentType)
                        {
                            context.Response.ContentType = "application/json; charset=utf-8";
                        }

                        return Task.CompletedTask;
                    });
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
