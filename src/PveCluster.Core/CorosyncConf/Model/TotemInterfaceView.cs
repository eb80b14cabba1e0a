namespace PveCluster.Core.CorosyncConf;

/// <summary>A <c>totem.interface</c> section: one kronosnet link.</summary>
public sealed class TotemInterfaceView(ConfSection section)
{
    public const string SectionName = "interface";
    private const string Path = "totem.interface";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    /// <summary>
    /// <c>linknumber</c>; corosync 3 still accepts the older <c>ringnumber</c>, which is used when linknumber is absent.
    /// </summary>
    public int? LinkNumber
    {
        get => ConfValues.GetInt(Section, "linknumber", Path) ?? ConfValues.GetInt(Section, "ringnumber", Path);
        set
        {
            if (Section.FindLastValue("linknumber") is null && Section.FindLastValue("ringnumber") is not null)
            {
                ConfValues.Set(Section, "ringnumber", value);
            }
            else
            {
                ConfValues.Set(Section, "linknumber", value);
            }
        }
    }

    /// <summary>kronosnet link priority 0..255; in passive mode the HIGHEST number carries the traffic.</summary>
    public int? KnetLinkPriority
    {
        get => ConfValues.GetInt(Section, "knet_link_priority", Path);
        set => ConfValues.Set(Section, "knet_link_priority", value);
    }

    public bool TryGetLinkNumber(out int link)
    {
        var text = Section.GetValue("linknumber") ?? Section.GetValue("ringnumber");
        return ConfValues.TryParseInt(text, out link);
    }
}
