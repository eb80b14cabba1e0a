using System.Text.Json;

namespace PveCluster.Core.Guests;

/// <summary>What pmxcfs's <c>/etc/pve/.members</c> says about quorum.</summary>
public enum MembersQuorumState
{
    /// <summary>No cluster configured (pmxcfs in local mode): nothing to wait for, as in Proxmox.</summary>
    NoCluster,
    Quorate,
    NotQuorate,
}

/// <summary>
/// Reads the quorum flag of <c>.members</c>: <c>{"nodename":..,"version":..,"cluster":{..,"quorate":1},"nodelist":{..}}</c>.
/// This is pmxcfs's own quorum, the one that decides whether /etc/pve is writable, and what Proxmox's <c>startall</c>
/// waits for (<c>check_cfs_quorum</c>).
/// </summary>
public static class MembersQuorum
{
    /// <exception cref="FormatException">The text is not a .members document.</exception>
    public static MembersQuorumState Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException(".members is not a JSON object");
            if (!document.RootElement.TryGetProperty("cluster", out var cluster))
                return MembersQuorumState.NoCluster;
            if (cluster.ValueKind != JsonValueKind.Object
                || !cluster.TryGetProperty("quorate", out var quorate)
                || quorate.ValueKind != JsonValueKind.Number)
                throw new FormatException(".members has a cluster without a numeric 'quorate'");
            return quorate.GetInt64() != 0 ? MembersQuorumState.Quorate : MembersQuorumState.NotQuorate;
        }
        catch (JsonException ex)
        {
            throw new FormatException($".members is not valid JSON: {ex.Message}", ex);
        }
    }
}
