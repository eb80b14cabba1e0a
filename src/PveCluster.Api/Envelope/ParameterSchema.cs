namespace PveCluster.Api.Envelope;

/// <summary>
/// The parameter names an endpoint takes (endpoint metadata, see <see cref="ParameterFilter"/>). Anything else is
/// refused, as Proxmox's JSON schema check does; names marked body-only (secrets) are refused in the URL.
/// </summary>
public sealed class ParameterSchema
{
    private readonly HashSet<string> _names;
    private readonly HashSet<string> _bodyOnly;

    private ParameterSchema(IEnumerable<string> names, IEnumerable<string> bodyOnly, bool checks)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _bodyOnly = new HashSet<string>(bodyOnly, StringComparer.Ordinal);
        _names.UnionWith(_bodyOnly);
        Checks = checks;
    }

    /// <summary>An endpoint without parameters.</summary>
    public static ParameterSchema None { get; } = new([], [], checks: true);

    /// <summary>Only for the "not implemented" fallback, which answers 501 whatever it is given.</summary>
    public static ParameterSchema Unchecked { get; } = new([], [], checks: false);

    public bool Checks { get; }

    public static ParameterSchema Of(params string[] names) => new(names, [], checks: true);

    /// <summary>The same schema plus parameters that may only come in the request body (passwords).</summary>
    public ParameterSchema WithBodyOnly(params string[] names) => new(_names, _bodyOnly.Concat(names), Checks);

    public bool Allows(string name) => _names.Contains(name);

    public bool IsBodyOnly(string name) => _bodyOnly.Contains(name);
}
