namespace PveCluster.Core.DatacenterCfg;

/// <summary>The datacenter.cfg <c>migration: [type=]secure|insecure[,network=CIDR]</c> setting.</summary>
/// <param name="Type">Secure (SSH tunnel) or insecure.</param>
/// <param name="Network">The network migration traffic should use, or null for the default route to the target.</param>
public sealed record MigrationSettings(MigrationType Type, CidrNetwork? Network = null)
{
    private const string TypeKey = "type";
    private const string NetworkKey = "network";

    /// <summary>Parses the value of the <c>migration</c> key.</summary>
    /// <exception cref="FormatException">Unknown keys, a missing or invalid type, or an invalid CIDR.</exception>
    public static MigrationSettings Parse(string value)
    {
        IReadOnlyList<KeyValuePair<string, string>> properties;
        try
        {
            properties = PropertyString.Parse(value, TypeKey);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"migration: {ex.Message}", ex);
        }

        string? typeText = null;
        string? networkText = null;
        foreach (var (key, item) in properties)
        {
            switch (key)
            {
                case TypeKey:
                    typeText = item;
                    break;
                case NetworkKey:
                    networkText = item;
                    break;
                default:
                    throw new FormatException($"migration: unknown key '{key}' (allowed: {TypeKey}, {NetworkKey})");
            }
        }

        if (typeText is null)
        {
            throw new FormatException(networkText is null
                ? "migration: value is empty; expected secure or insecure"
                : $"migration: '{TypeKey}' is required when '{NetworkKey}' is set (for example 'secure,network={networkText}')");
        }

        var type = typeText switch
        {
            "secure" => MigrationType.Secure,
            "insecure" => MigrationType.Insecure,
            _ => throw new FormatException($"migration: type must be 'secure' or 'insecure', got '{typeText}'"),
        };

        CidrNetwork? network = null;
        if (networkText is not null)
        {
            try
            {
                network = CidrNetwork.Parse(networkText);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"migration: network {ex.Message}", ex);
            }
        }

        return new MigrationSettings(type, network);
    }

    /// <summary>The value text, for example <c>secure,network=10.1.0.0/24</c>.</summary>
    public string Format()
    {
        var type = Type == MigrationType.Secure ? "secure" : "insecure";
        return Network is null ? type : $"{type},{NetworkKey}={Network.Text}";
    }
}
