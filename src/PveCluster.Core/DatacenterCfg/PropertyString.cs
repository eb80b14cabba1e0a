namespace PveCluster.Core.DatacenterCfg;

/// <summary>
/// The Proxmox property-string format used for datacenter.cfg values: <c>k=v,k=v</c>, where one
/// default key may be written as a bare value (<c>secure,network=10.0.0.0/24</c>).
/// </summary>
public static class PropertyString
{
    /// <summary>Splits <paramref name="value"/> into ordered key/value pairs.</summary>
    /// <param name="value">The property string.</param>
    /// <param name="defaultKey">The key a bare value belongs to, or null when bare values are not allowed.</param>
    /// <exception cref="FormatException">Empty elements, duplicate keys, or a bare value without a default key.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string value, string? defaultKey)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new List<KeyValuePair<string, string>>();
        if (value.Trim().Length == 0)
        {
            return result;
        }

        foreach (var raw in value.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                throw new FormatException($"empty element in '{value}'");
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            string key;
            string item;
            if (eq < 0)
            {
                key = defaultKey ?? throw new FormatException($"'{part}' has no key (expected key=value)");
                item = part;
            }
            else
            {
                key = part[..eq].Trim();
                item = part[(eq + 1)..].Trim();
                if (key.Length == 0)
                {
                    throw new FormatException($"'{part}' has an empty key");
                }
            }

            if (result.Any(p => p.Key == key))
            {
                throw new FormatException($"duplicate key '{key}' in '{value}'");
            }

            result.Add(KeyValuePair.Create(key, item));
        }

        return result;
    }

    /// <summary>Joins pairs back into a property string, writing the default key's value bare and first.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> properties, string? defaultKey)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var list = properties.ToList();
        var parts = new List<string>();
        if (defaultKey is not null && list.FirstOrDefault(p => p.Key == defaultKey) is { Key: not null } d)
        {
            parts.Add(d.Value);
        }

        parts.AddRange(list.Where(p => p.Key != defaultKey || defaultKey is null).Select(p => $"{p.Key}={p.Value}"));
        return string.Join(',', parts);
    }
}
