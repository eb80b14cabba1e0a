using PveCluster.Core.JoinInfo;

namespace PveCluster.Gui.Forms;

/// <summary>
/// The Join Cluster dialog's state. Assisted mode decodes the pasted Join Information and fixes peer address,
/// fingerprint and link numbers from it; manual mode lets the user type them and edit links like Create.
/// </summary>
public sealed class JoinClusterModel(IReadOnlyList<string> localAddresses, IReadOnlyList<string> localCidrs)
{
    public const string InvalidInformation = "Does not seem like a valid encoded Cluster Information!";
    public const int MaxPasswordLength = 128;

    private LinkEditorModel _links = LinkEditorModel.ForCreate(localAddresses);

    public bool Assisted { get; private set; } = true;

    public string Information { get; private set; } = "";

    public JoinInformation? Decoded { get; private set; }

    public string? InformationError { get; private set; }

    public string PeerAddress { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public string Password { get; set; } = "";

    public LinkEditorModel Links => Assisted && Decoded is null ? new LinkEditorModel(localAddresses, false) : _links;

    /// <summary>Assisted mode hides everything else until valid information was pasted.</summary>
    public bool ShowDetails => !Assisted || Decoded is not null;

    public string SubmitLabel => Assisted && Decoded?.ClusterName is { } name ? $"Join '{name}'" : "Join";

    public void SetInformation(string text)
    {
        Information = text ?? "";
        if (JoinInformationCodec.TryDecode(Information, out var info, out var error))
        {
            Decoded = info!;
            InformationError = null;
            PeerAddress = info!.IpAddress;
            Fingerprint = info.Fingerprint.Value;
            _links = LinkEditorModel.ForJoin(localAddresses, localCidrs, info.LinkNumbers, info.PeerLinks, info.AllowsBlankSingleLink);
        }
        else
        {
            Decoded = null;
            InformationError = Information.Trim().Length == 0 ? null : $"{InvalidInformation} ({error})";
        }
    }

    public void SetAssisted(bool assisted)
    {
        Assisted = assisted;
        if (assisted)
        {
            SetInformation(Information);
        }
        else
        {
            _links = LinkEditorModel.ForCreate(localAddresses);
        }
    }

    public string? PeerAddressError => !Assisted && PeerAddress.Trim().Length == 0 ? "The peer's address is required." : null;

    public string? FingerprintError =>
        Fingerprint.Trim().Length == 0 ? (Assisted ? null : "The peer's certificate fingerprint is required.")
        : CertificateFingerprint.TryParse(Fingerprint, out _) ? null
        : "Expected 32 hex byte pairs separated by ':' (the SHA-256 fingerprint of the peer's certificate).";

    public string? PasswordError => Password.Length > MaxPasswordLength ? $"At most {MaxPasswordLength} characters." : null;

    public bool IsValid =>
        ShowDetails
        && PeerAddress.Trim().Length > 0 && PeerAddressError is null
        && Fingerprint.Trim().Length > 0 && FingerprintError is null
        && Password.Length > 0 && PasswordError is null
        && Links.IsValid;

    public IEnumerable<KeyValuePair<string, string>> ToParameters() =>
        [new("hostname", PeerAddress.Trim()), new("password", Password), new("fingerprint", Fingerprint.Trim()), .. Links.ToParameters()];
}
