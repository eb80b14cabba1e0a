using System.Text.Json;
using System.Text.Json.Nodes;
using PveCluster.Api.Envelope;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The cluster log as pmxcfs shows it in <c>/etc/pve/.clusterlog</c>: entries of every node (replicated by pmxcfs),
/// newest first, each with Proxmox's fields (<c>uid time pri tag pid node user msg</c>). pmxcfs renders the newest
/// <see cref="MaxEntries"/> there, which is also the most a request gets.
/// </summary>
public sealed class ClusterLogReader(PveDirectory pveDir)
{
    public const int MaxEntries = 50;

    /// <exception cref="ApiException">pmxcfs is not mounted (no log to read), or the file is not the expected JSON.</exception>
    public JsonArray Read(int max)
    {
        string text;
        try
        {
            text = File.ReadAllText(pveDir.ClusterLog);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError,
                $"cluster log not available: {pveDir.ClusterLog} does not exist (is pmxcfs running?)");
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"cannot parse {pveDir.ClusterLog}: {e.Message}");
        }

        if (document?["data"] is not JsonArray entries)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"{pveDir.ClusterLog} has no 'data' list");
        }

        var result = new JsonArray();
        foreach (var entry in entries.Take(max))
        {
            result.Add(entry?.DeepClone());
        }

        return result;
    }
}
