using System.Text.Json.Nodes;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Api.Cluster;

/// <summary>
/// corosync.conf sections as the JSON Proxmox returns: every value a string exactly as written, repeated
/// <c>interface</c> blocks keyed by their link number, and nested sections as objects.
/// </summary>
public static class CorosyncConfJson
{
    public static JsonObject Totem(TotemView totem)
    {
        ArgumentNullException.ThrowIfNull(totem);
        var result = new JsonObject();
        foreach (var item in totem.Section.Items)
        {
            switch (item)
            {
                case ConfValue value:
                    result[value.Key] = value.Value;
                    break;
                case ConfSection { Name: TotemInterfaceView.SectionName } section:
                    var interfaces = result["interface"] as JsonObject ?? new JsonObject();
                    result["interface"] = interfaces;
                    var view = new TotemInterfaceView(section);
                    var key = view.TryGetLinkNumber(out var link) ? link.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
                    interfaces[key] = Section(section);
                    break;
                case ConfSection section:
                    result[section.Name] = Section(section);
                    break;
            }
        }

        return result;
    }

    /// <summary>A nodelist entry: all its keys plus <c>node</c> (the name), like GET /cluster/config/nodes.</summary>
    public static JsonObject Node(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var result = Section(node.Section);
        result["node"] = node.Name;
        return result;
    }

    private static JsonObject Section(ConfSection section)
    {
        var result = new JsonObject();
        foreach (var item in section.Items)
        {
            switch (item)
            {
                case ConfValue value:
                    result[value.Key] = value.Value;
                    break;
                case ConfSection child:
                    result[child.Name] = Section(child);
                    break;
            }
        }

        return result;
    }
}
