using System.Reflection;

namespace PveCluster.Api.NodeStatus;

/// <summary>
/// This build's version for <c>/version</c> and <c>pveversion</c>: the assembly's informational version
/// (<c>1.2.3</c>, or <c>1.2.3+commit</c> when the SDK recorded the source revision).
/// </summary>
public sealed record ProductVersion(string Version, string Release, string RepositoryId)
{
    public const string ProductName = "pve-api";

    public static ProductVersion Current { get; } = FromInformational(
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    public static ProductVersion FromInformational(string informational)
    {
        ArgumentNullException.ThrowIfNull(informational);
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        var parts = version.Split('.');
        var release = parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
        return new ProductVersion(version, release, commit.Length > 8 ? commit[..8] : commit);
    }

    /// <summary>Proxmox's <c>pveversion</c> text: <c>product/version/repoid</c>.</summary>
    public string Summary => RepositoryId.Length > 0 ? $"{ProductName}/{Version}/{RepositoryId}" : $"{ProductName}/{Version}";
}
