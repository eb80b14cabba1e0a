namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Typed access to the <c>totem</c> section. Reads and writes go straight to the underlying
/// <see cref="ConfSection"/>, so keys this view does not know stay untouched. Setting null removes a key.
/// Numeric getters throw <see cref="ConfValueException"/> when the stored text is not a number.
/// </summary>
public sealed class TotemView(ConfSection section)
{
    private const string Path = "totem";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    public string? Version { get => Section.GetValue("version"); set => ConfValues.Set(Section, "version", value); }

    public string? ClusterName { get => Section.GetValue("cluster_name"); set => ConfValues.Set(Section, "cluster_name", value); }

    public ulong? ConfigVersion
    {
        get => ConfValues.GetUnsigned(Section, "config_version", Path);
        set => ConfValues.Set(Section, "config_version", value);
    }

    /// <summary><c>ipv4</c>, <c>ipv6</c>, <c>ipv4-6</c> or <c>ipv6-4</c>.</summary>
    public string? IpVersion { get => Section.GetValue("ip_version"); set => ConfValues.Set(Section, "ip_version", value); }

    public string? SecAuth { get => Section.GetValue("secauth"); set => ConfValues.Set(Section, "secauth", value); }

    /// <summary><c>passive</c>, <c>active</c> or <c>rr</c>; see <see cref="CorosyncConfFactory"/> for how passive picks a link.</summary>
    public string? LinkMode { get => Section.GetValue("link_mode"); set => ConfValues.Set(Section, "link_mode", value); }

    public string? Transport { get => Section.GetValue("transport"); set => ConfValues.Set(Section, "transport", value); }

    /// <summary>Token timeout in milliseconds (corosync adds token_coefficient per node above two).</summary>
    public int? Token { get => ConfValues.GetInt(Section, "token", Path); set => ConfValues.Set(Section, "token", value); }

    public int? TokenCoefficient
    {
        get => ConfValues.GetInt(Section, "token_coefficient", Path);
        set => ConfValues.Set(Section, "token_coefficient", value);
    }

    public string? CryptoCipher { get => Section.GetValue("crypto_cipher"); set => ConfValues.Set(Section, "crypto_cipher", value); }

    public string? CryptoHash { get => Section.GetValue("crypto_hash"); set => ConfValues.Set(Section, "crypto_hash", value); }

    public IReadOnlyList<TotemInterfaceView> Interfaces =>
        [.. Section.Sections(TotemInterfaceView.SectionName).Select(s => new TotemInterfaceView(s))];

    /// <summary>The interface whose link number is <paramref name="link"/>, or null.</summary>
    public TotemInterfaceView? FindInterface(int link) =>
        Interfaces.FirstOrDefault(i => i.TryGetLinkNumber(out var n) && n == link);

    /// <summary>Adds an <c>interface { linknumber: N }</c> after the existing interfaces.</summary>
    public TotemInterfaceView AddInterface(int link)
    {
        var section = new ConfSection(TotemInterfaceView.SectionName);
        var items = Section.Items;
        var lastInterface = -1;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ConfSection { Name: TotemInterfaceView.SectionName })
            {
                lastInterface = i;
            }
        }

        items.Insert(lastInterface >= 0 ? lastInterface + 1 : items.Count, section);
        var view = new TotemInterfaceView(section) { LinkNumber = link };
        return view;
    }
}
