using System.Text.Json.Nodes;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Api.Routing;
using PveCluster.Core.DatacenterCfg;
using PveCluster.Lifecycle.Migration;
using PveCluster.Lifecycle;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>/cluster/options</c>: datacenter.cfg as Proxmox serves it. GET returns every key (the <c>migration</c> property
/// string as an object: <c>{"type":"secure","network":"10.1.2.0/24"}</c>); PUT sets <c>migration</c> or deletes it.
/// </summary>
public static class ClusterOptionsEndpoints
{
    private const string Migration = "migration";

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/options", (ClusterLifecycle lifecycle) => ApiResponse.Data(Read(lifecycle.Context.Paths))).WithParameters(ParameterSchema.None);

        // Runs in pvedaemon: it writes /etc/pve/datacenter.cfg, which www-data may only read.
        api.MapPut("/cluster/options", async (HttpContext context, ClusterLifecycle lifecycle, CancellationToken cancellationToken) =>
        {
            ClusterJoinEndpoints.RequireRoot(context);
            var edit = Edit(RequestParameters.Of(context));
            await DatacenterConfigFile.UpdateAsync(lifecycle.Context, edit, cancellationToken).ConfigureAwait(false);
            return ApiResponse.Data(null);
        }).WithParameters(ParameterSchema.Of(Migration, "delete")).Protected();
    }

    private static JsonObject Read(ClusterPaths paths)
    {
        DatacenterConfig config;
        try
        {
            config = DatacenterConfigFile.Read(paths);
        }
        catch (LifecycleException ex)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, ex.Message);
        }

        var result = new JsonObject();
        foreach (var key in config.Keys)
        {
            result[key] = key == Migration && TryMigration(config) is { } migration
                ? MigrationJson(migration)
                : JsonValue.Create(config.Get(key));
        }

        return result;
    }

    private static MigrationSettings? TryMigration(DatacenterConfig config)
    {
        try
        {
            return config.GetMigration();
        }
        catch (DatacenterConfigException)
        {
            return null; // shown as the raw text, so the admin sees what is wrong
        }
    }

    private static JsonObject MigrationJson(MigrationSettings migration)
    {
        var json = new JsonObject { ["type"] = migration.Type == MigrationType.Secure ? "secure" : "insecure" };
        if (migration.Network is { } network)
        {
            json["network"] = network.Text;
        }

        return json;
    }

    /// <summary>The whole request is checked before anything is written: a bad value is a 400 and changes nothing.</summary>
    private static Action<DatacenterConfig> Edit(IReadOnlyDictionary<string, string> parameters)
    {
        MigrationSettings? migration = null;
        if (parameters.TryGetValue(Migration, out var text))
        {
            try
            {
                migration = MigrationSettings.Parse(text);
            }
            catch (FormatException ex)
            {
                throw ApiException.BadParameter(Migration, ex.Message);
            }
        }

        var deletes = parameters.TryGetValue("delete", out var list)
            ? list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (deletes.FirstOrDefault(d => d != Migration) is { } unknown)
        {
            throw ApiException.BadParameter("delete", $"'{unknown}' cannot be deleted here (supported: {Migration})");
        }

        if (migration is not null && deletes.Length > 0)
        {
            throw ApiException.BadParameter("delete", $"cannot set and delete '{Migration}' at the same time");
        }

        if (migration is null && deletes.Length == 0)
        {
            throw ApiException.BadParameter(Migration, "nothing to change: give 'migration' or 'delete'");
        }

        return config =>
        {
            if (migration is not null)
            {
                config.SetMigration(migration);
            }
            else
            {
                config.Remove(Migration);
            }
        };
    }
}
