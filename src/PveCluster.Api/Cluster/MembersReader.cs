using System.Text.Json;
using PveCluster.Api.Envelope;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Cluster;

/// <summary>Reads <c>.members</c>; a missing file means pmxcfs reports no cluster (standalone).</summary>
public sealed class MembersReader(PveDirectory pveDir)
{
    public MembersJson? TryRead()
    {
        string text;
        try
        {
            text = File.ReadAllText(pveDir.Members);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, ApiJsonContext.Default.MembersJson);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" line {line + 1}" : "";
            throw new ApiException(StatusCodes.Status500InternalServerError, $"cannot parse {pveDir.Members}{where}: {e.Message}");
        }
    }
}
