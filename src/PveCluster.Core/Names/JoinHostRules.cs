using PveCluster.Core.Links;
using PveCluster.Core.Text;

namespace PveCluster.Core.Names;

/// <summary>
/// The host a node joins through (<c>pvecm add HOST</c>, the join API's <c>hostname</c>): an IPv4 or
/// IPv6 literal or a DNS host name. The value ends up on pvecm's command line and in a TLS
/// connection, so anything else (an option such as <c>--force</c>, spaces, control characters) is refused.
/// </summary>
public static class JoinHostRules
{
    public static NameCheck CheckJoinHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return NameCheck.Fail("join host must not be empty");
        }

        if (host[0] == '-')
        {
            return NameCheck.Fail($"join host '{CharNames.Printable(host)}' must not start with '-'");
        }

        return LinkAddress.TryClassify(host, out _, out var problem)
            ? NameCheck.Ok
            : NameCheck.Fail($"join host: {problem} (expected an IP address or a DNS host name)");
    }
}
