namespace PveCluster.Cfs.Hosting;

/// <summary>Node names as pmxcfs derives them: the host name up to the first dot.</summary>
internal static class NodeName
{
    public static string FromHostName(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? hostName[..dot] : hostName;
    }

    /// <summary>Node names become directory names: one path segment, no control characters.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0)
            return "the node name is empty";
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl))
            return $"'{name}' cannot be a node name (it must be a single path segment)";
        return null;
    }
}
