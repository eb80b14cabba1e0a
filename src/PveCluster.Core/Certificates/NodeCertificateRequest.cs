using System.Net;

namespace PveCluster.Core.Certificates;

/// <summary>What goes into a node's HTTPS certificate (<c>nodes/&lt;node&gt;/pve-ssl.pem</c>).</summary>
/// <param name="NodeName">The short node name; always a SAN.</param>
/// <param name="Addresses">The node's IP addresses; each becomes an IP SAN so clients may connect by address.</param>
/// <param name="Fqdn">Fully qualified name, when known; used as the common name and an extra SAN.</param>
public sealed record NodeCertificateRequest(string NodeName, IReadOnlyList<IPAddress> Addresses, string? Fqdn = null)
{
    public const string OrganizationalUnit = "PVE Cluster Node";
    public const string Organization = "Proxmox Virtual Environment";

    public string CommonName => string.IsNullOrEmpty(Fqdn) ? NodeName : Fqdn;

    /// <summary>DNS names for the SAN extension: node name, FQDN (if different) and localhost, without duplicates.</summary>
    public IReadOnlyList<string> DnsNames
    {
        get
        {
            var names = new List<string> { NodeName };
            if (!string.IsNullOrEmpty(Fqdn))
            {
                names.Add(Fqdn);
            }

            names.Add("localhost");
            return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }
}
