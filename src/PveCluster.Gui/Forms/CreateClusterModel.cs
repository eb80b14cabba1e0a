using PveCluster.Core.Names;

namespace PveCluster.Gui.Forms;

/// <summary>The Create Cluster dialog's state: the cluster name (pve-node rules, at most 15 characters) and the links.</summary>
public sealed class CreateClusterModel(IReadOnlyList<string> localAddresses)
{
    public const string NameRulesText = "Letters, digits and '-', at most 15 characters, not starting or ending with '-'. Cannot be changed later.";

    public string Name { get; set; } = "";

    public LinkEditorModel Links { get; } = LinkEditorModel.ForCreate(localAddresses);

    /// <summary>Null while the field is still empty: an untouched field is not yet an error.</summary>
    public string? NameError => Name.Length == 0 ? null : NameRules.CheckClusterName(Name).Error;

    public bool IsValid => NameRules.IsValidClusterName(Name) && Links.IsValid;

    public IEnumerable<KeyValuePair<string, string>> ToParameters() =>
        [new("clustername", Name), .. Links.ToParameters()];
}
